package cn.carbon.risk.index;

import cn.carbon.risk.rulebook.RiskRulebook;
import cn.carbon.risk.rulebook.ShippedRulebook;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gap after holdings, pending offsets and borrowing, shared between the cycle's years. */
class ComplianceGapTest {

    static final RiskRulebook RULEBOOK = ShippedRulebook.load();
    static final LocalDate DAY = LocalDate.of(2023, 12, 4);

    @Test
    void holdingsOfEveryEligibleVintageBorrowingAndCustodyCoverTheCycle() {
        EntityInputs in = new EntityInputs("U", "320000", "OPERATING", Map.of(
                2021, new EntityInputs.Year(1_000_000, false, null, null, 0, 0),
                2022, new EntityInputs.Year(1_000_000, false, null, null, 0, 0)),
                List.of(new EntityInputs.Balance("2019-2020", 100_000, 0, 0),
                        new EntityInputs.Balance("2021", 800_000, 0, 0),
                        new EntityInputs.Balance("2022", 700_000, 0, 50_000),
                        new EntityInputs.Balance("2023", 0, 150_000, 0),   // borrowed: restricted
                        new EntityInputs.Balance("2030", 999_999, 0, 0)),   // not in the rulebook: ignored
                List.of(), 0);
        RiskSituation s = ComplianceGap.situation(in, 2021, DAY, RULEBOOK).orElseThrow();
        assertThat(s.poolT()).isEqualTo(1_800_000);
        assertThat(s.cycleGapT()).isEqualTo(200_000);
        assertThat(s.gapT()).isEqualTo(100_000); // half of the cycle gap: both years need the same
        assertThat(s.daysLeft()).isEqualTo(27);
    }

    @Test
    void theLedgersRemainingAndPendingOffsetsReduceTheNeed() {
        EntityInputs in = new EntityInputs("U", "320000", "OPERATING", Map.of(
                2021, new EntityInputs.Year(1_000_000, false, 300_000L, "OPEN", 50_000, 20_000),
                2022, new EntityInputs.Year(1_000_000, false, null, "COMPLIANT", 0, 0)),
                List.of(new EntityInputs.Balance("2021", 200_000, 0, 0)), List.of(), 0);
        RiskSituation s = ComplianceGap.situation(in, 2021, DAY, RULEBOOK).orElseThrow();
        // 300,000 remaining - 30,000 confirmed but not yet credited = 270,000; 2022 is settled
        assertThat(s.remainingT()).isEqualTo(270_000);
        assertThat(s.cycleGapT()).isEqualTo(70_000);
        assertThat(s.gapT()).isEqualTo(70_000);
    }

    @Test
    void anExemptYearNeedsNothing() {
        EntityInputs in = new EntityInputs("U", "320000", "DISSOLVED", Map.of(
                2021, new EntityInputs.Year(1_000_000, true, null, null, 0, 0)), List.of(), List.of(), 0);
        RiskSituation s = ComplianceGap.situation(in, 2021, DAY, RULEBOOK).orElseThrow();
        assertThat(s.gapT()).isZero();
        assertThat(s.exempt()).isTrue();
    }
}
