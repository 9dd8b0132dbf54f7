package cn.carbon.surrender.metrics;

import cn.carbon.surrender.compliance.ComplianceQueries.YearState;
import cn.carbon.surrender.compliance.ComplianceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The share behind carbon_compliance_share: complied over obliged, per year and province; exempt entities left out. */
class ComplianceShareTest {

    private static YearState state(String province, int year, ComplianceStatus status) {
        return new YearState("uscc-" + Math.random(), "n", province, year, 100L, 0, status == ComplianceStatus.EXEMPT,
                status.complied() ? 0L : 100L, 0, status.complied() ? Instant.EPOCH : null, status);
    }

    @Test
    void compliedOverObligedPerYearAndProvince() {
        var shares = LedgerSignals.shares(List.of(
                state("320000", 2021, ComplianceStatus.COMPLIANT), state("320000", 2021, ComplianceStatus.COMPLIANT_LATE),
                state("320000", 2021, ComplianceStatus.OPEN), state("320000", 2021, ComplianceStatus.EXEMPT),
                state("320000", 2022, ComplianceStatus.OVERDUE),
                state("440000", 2021, ComplianceStatus.EXEMPT)));
        assertThat(shares.get("2021/320000")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(shares.get("2022/320000")).isZero();
        // nobody obliged: nothing is missing
        assertThat(shares).doesNotContainKey("2021/440000");
    }
}
