package cn.carbon.risk.rulebook;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class RiskRulebookTest {

    @Test
    void theShippedRulebookCarriesTheCyclesDates() {
        RiskRulebook rb = ShippedRulebook.load();
        assertThat(rb.rulebookId()).isEqualTo("CN-ETS-2021-2022-power");
        assertThat(rb.cycle()).isEqualTo("2021-2022");
        assertThat(rb.deadline(2021)).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(rb.cycleDeadline()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(rb.reportingStart()).isEqualTo(LocalDate.of(2023, 12, 1));
        assertThat(rb.isReportingWeek(LocalDate.of(2023, 11, 27), LocalDate.of(2023, 12, 3))).isTrue();
        assertThat(rb.isReportingWeek(LocalDate.of(2023, 11, 20), LocalDate.of(2023, 11, 26))).isFalse();
        assertThat(rb.inFeedWindow(LocalDate.of(2023, 12, 25), LocalDate.of(2023, 12, 31))).isTrue();
        assertThat(rb.inFeedWindow(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 7))).isFalse();
        assertThat(rb.servesCycle("2019-2020")).isTrue();
        assertThat(rb.servesCycle("2023")).isTrue();
        assertThat(rb.servesCycle("2024")).isFalse();
    }

}
