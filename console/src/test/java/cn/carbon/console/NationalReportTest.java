package cn.carbon.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NationalReportTest {

    private static NationalReport.Entry e(String province, int year, String status, Long obligation, Long remaining,
                                          long surrendered, long offset) {
        return new NationalReport.Entry(province, year, status, obligation, 0, remaining, surrendered, offset);
    }

    @Test
    void perProvinceAndYearWithTheNationalTotalAfterEachYear() {
        var rows = NationalReport.of(List.of(
                e("620000", 2021, "COMPLIANT", 1_000L, 0L, 950, 50),
                e("620000", 2021, "OPEN", 2_000L, 1_500L, 500, 0),
                e("620000", 2021, "EXEMPT", null, null, 0, 0),
                e("110000", 2021, "COMPLIANT_LATE", 300L, 0L, 300, 0),
                e("620000", 2022, "OVERDUE", 400L, 400L, 0, 0)));
        assertThat(rows).extracting(NationalReport.Row::province, NationalReport.Row::year)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("110000", 2021),
                        org.assertj.core.groups.Tuple.tuple("620000", 2021),
                        org.assertj.core.groups.Tuple.tuple("ALL", 2021),
                        org.assertj.core.groups.Tuple.tuple("620000", 2022),
                        org.assertj.core.groups.Tuple.tuple("ALL", 2022));
        var gansu = rows.get(1);
        assertThat(gansu.entities()).isEqualTo(3);
        assertThat(gansu.obligationT()).isEqualTo(3_000);
        assertThat(gansu.surrenderedT()).isEqualTo(1_450);
        assertThat(gansu.offsetT()).isEqualTo(50);
        assertThat(gansu.remainingT()).isEqualTo(1_500);
        assertThat(gansu.byStatus()).containsEntry("COMPLIANT", 1L).containsEntry("OPEN", 1L).containsEntry("EXEMPT", 1L)
                .containsEntry("OVERDUE", 0L);
        assertThat(gansu.rate()).isEqualTo(50.0); // 1 of the 2 not exempt
        var national2021 = rows.get(2);
        assertThat(national2021.national()).isTrue();
        assertThat(national2021.entities()).isEqualTo(4);
        assertThat(national2021.obligationT()).isEqualTo(3_300);
        assertThat(national2021.rate()).isEqualTo(66.6); // 2 of 3, rounded down
        assertThat(rows.get(3).rate()).isEqualTo(0.0);
    }

    @Test
    void allExemptHasNoRateAndAddedObligationCounts() {
        var exempt = NationalReport.row("620000", 2021, List.of(e("620000", 2021, "EXEMPT", null, null, 0, 0)));
        assertThat(exempt.rate()).isNull();
        var added = NationalReport.row("620000", 2021,
                List.of(new NationalReport.Entry("620000", 2021, "OPEN", 100L, 20, 120L, 0, 0)));
        assertThat(added.obligationT()).isEqualTo(120);
        assertThat(NationalReport.of(List.of())).isEmpty();
    }

    @Test
    void theCsvHasOneLinePerRowWithNamesInTheUsersLanguage() {
        var rows = NationalReport.of(List.of(e("620000", 2021, "COMPLIANT", 1_000L, 0L, 1_000, 0)));
        String csv = NationalReport.csv(rows, new Messages().of(Messages.ZH));
        assertThat(csv).startsWith("\uFEFFprovince,province_name,compliance_year,entities,obligation_t");
        assertThat(csv.lines()).containsExactly(
                "\uFEFFprovince,province_name,compliance_year,entities,obligation_t,surrendered_t,offset_t,remaining_t,"
                        + "open,compliant,compliant_late,overdue,exempt,compliance_rate_percent",
                "620000,甘肃省,2021,1,1000,1000,0,0,0,1,0,0,0,100.0",
                "ALL,全国合计,2021,1,1000,1000,0,0,0,1,0,0,0,100.0");
    }
}
