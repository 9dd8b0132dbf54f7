package cn.carbon.risk.index;

import cn.carbon.risk.rulebook.RiskRulebook;
import cn.carbon.risk.rulebook.ShippedRulebook;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The weighted sum, the level thresholds and the two override rules. */
class RiskIndexTest {

    static final RiskRulebook RULEBOOK = ShippedRulebook.load();
    static final LocalDate DEC_4 = LocalDate.of(2023, 12, 4);

    static RiskIndex index() {
        return new RiskIndex(List.of(
                new RiskIndex.Weighted(new RemainingGapFactor(0.10), 0.35),
                new RiskIndex.Weighted(new PurchasePaceFactor(3, 91), 0.30),
                new RiskIndex.Weighted(new TimeLeftFactor(91), 0.15),
                new RiskIndex.Weighted(new SpecialStatusFactor(Map.of("COMPLIANCE_RISK", 1.0)), 0.10),
                new RiskIndex.Weighted(new PastShortfallFactor(0.5), 0.10)),
                new RiskLevel.Thresholds(30, 50, 75));
    }

    static EntityInputs entity(long obligation, long holdings, String status, int past, String complianceStatus,
                               List<EntityInputs.WeekNet> weeks) {
        return new EntityInputs("91320000T000000019", "320000", status,
                Map.of(2021, new EntityInputs.Year(obligation, false, null, complianceStatus, 0, 0)),
                List.of(new EntityInputs.Balance("2021", holdings, 0, 0)), weeks, past);
    }

    @Test
    void levelThresholdsAreInclusiveLowerBounds() {
        RiskLevel.Thresholds t = new RiskLevel.Thresholds(30, 50, 75);
        assertThat(t.of(0)).isEqualTo(RiskLevel.LOW);
        assertThat(t.of(29)).isEqualTo(RiskLevel.LOW);
        assertThat(t.of(30)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(t.of(49)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(t.of(50)).isEqualTo(RiskLevel.HIGH);
        assertThat(t.of(74)).isEqualTo(RiskLevel.HIGH);
        assertThat(t.of(75)).isEqualTo(RiskLevel.CRITICAL);
        assertThat(t.of(100)).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void thresholdsMustRise() {
        assertThatThrownBy(() -> new RiskLevel.Thresholds(50, 50, 75)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskLevel.Thresholds(0, 50, 75)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskLevel.Thresholds(30, 50, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIndexIsTheWeightedSumOfTheScores() {
        // gap 100,000 of 1,000,000 (score 1), no purchases (pace 1 × urgency 1 - 27/91), 27 days left (time 1 - 27/91)
        RiskAssessment a = index().assess(entity(1_000_000, 900_000, "OPERATING", 0, "OPEN", List.of()), 2021, DEC_4,
                RULEBOOK).orElseThrow();
        double expected = 35 + 30 * (1 - 27 / 91.0) + 15 * (1 - 27 / 91.0);
        assertThat(a.index()).isEqualTo((int) Math.round(expected));
        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.gapT()).isEqualTo(100_000);
        assertThat(a.factors()).extracting(RiskAssessment.Contribution::name).containsExactly(
                "remainingGap", "purchasePace", "timeLeft", "specialStatus", "pastShortfalls");
        assertThat(a.factors().stream().mapToDouble(RiskAssessment.Contribution::points).sum())
                .isBetween(expected - 0.05, expected + 0.05);
        assertThat(a.override()).isNull();
    }

    @Test
    void anEntityThatHoldsEnoughIsLowWhateverTheDate() {
        RiskAssessment a = index().assess(entity(1_000_000, 1_000_000, "OPERATING", 0, "OPEN", List.of()), 2021,
                LocalDate.of(2023, 12, 30), RULEBOOK).orElseThrow();
        assertThat(a.index()).isZero();
        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void statusAndHistoryAloneStayBelowHigh() {
        RiskAssessment a = index().assess(entity(1_000_000, 1_000_000, "COMPLIANCE_RISK", 2, "OPEN", List.of()), 2021,
                DEC_4, RULEBOOK).orElseThrow();
        assertThat(a.index()).isEqualTo(20);
        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void aSettledYearIsZeroAndAnOverdueOneAtLeastCritical() {
        RiskAssessment settled = index().assess(entity(1_000_000, 0, "COMPLIANCE_RISK", 2, "COMPLIANT", List.of()),
                2021, DEC_4, RULEBOOK).orElseThrow();
        assertThat(settled.index()).isZero();
        assertThat(settled.override()).isEqualTo("settled: COMPLIANT");
        RiskAssessment overdue = index().assess(entity(1_000_000, 999_999, "OPERATING", 0, "OVERDUE", List.of()),
                2021, LocalDate.of(2024, 1, 5), RULEBOOK).orElseThrow();
        assertThat(overdue.level()).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void aYearWithoutObligationIsNotAssessed() {
        assertThat(index().assess(entity(1_000_000, 0, "OPERATING", 0, "OPEN", List.of()), 2022, DEC_4, RULEBOOK))
                .isEmpty();
    }

    @Test
    void weightsAreRelative() {
        RiskIndex doubled = new RiskIndex(List.of(
                new RiskIndex.Weighted(new RemainingGapFactor(0.10), 0.70),
                new RiskIndex.Weighted(new PurchasePaceFactor(3, 91), 0.60),
                new RiskIndex.Weighted(new TimeLeftFactor(91), 0.30),
                new RiskIndex.Weighted(new SpecialStatusFactor(Map.of()), 0.20),
                new RiskIndex.Weighted(new PastShortfallFactor(0.5), 0.20)),
                new RiskLevel.Thresholds(30, 50, 75));
        EntityInputs in = entity(1_000_000, 960_000, "OPERATING", 0, "OPEN", List.of());
        assertThat(doubled.assess(in, 2021, DEC_4, RULEBOOK).orElseThrow().index())
                .isEqualTo(index().assess(in, 2021, DEC_4, RULEBOOK).orElseThrow().index());
    }
}
