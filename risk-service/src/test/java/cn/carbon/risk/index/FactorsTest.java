package cn.carbon.risk.index;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.carbon.risk.index.Situations.gap;
import static cn.carbon.risk.index.Situations.of;
import static cn.carbon.risk.index.Situations.week;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** One nested class per factor: its formula at the edges and in between. */
class FactorsTest {

    static final LocalDate DEC_4 = LocalDate.of(2023, 12, 4);

    @Nested
    class RemainingGap {
        final RemainingGapFactor factor = new RemainingGapFactor(0.10);

        @Test
        void noGapScoresZero() {
            assertThat(factor.assess(gap(1_000_000, 0, DEC_4)).score()).isZero();
        }

        @Test
        void scoresInProportionUpToTheFullScoreRatio() {
            FactorResult half = factor.assess(gap(1_000_000, 50_000, DEC_4));
            assertThat(half.value()).isCloseTo(0.05, within(1e-9));
            assertThat(half.score()).isCloseTo(0.5, within(1e-9));
            assertThat(half.explanation()).contains("50,000 t").contains("5.0 %");
            assertThat(factor.assess(gap(1_000_000, 100_000, DEC_4)).score()).isEqualTo(1.0);
            assertThat(factor.assess(gap(1_000_000, 200_000, DEC_4)).score()).isEqualTo(1.0);
        }

        @Test
        void noObligationScoresZero() {
            assertThat(factor.assess(gap(0, 0, DEC_4)).score()).isZero();
        }

        @Test
        void refusesANonPositiveRatio() {
            assertThatThrownBy(() -> new RemainingGapFactor(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class PurchasePace {
        final PurchasePaceFactor factor = new PurchasePaceFactor(3, 91);

        @Test
        void onPaceScoresZero() {
            // 27 days left: 70,000 t need 70,000 / (27/7) = 18,148 t/week; the last three weeks bought 20,000 each
            RiskSituation s = of(1_000_000, 70_000, 70_000, DEC_4,
                    List.of(week("2023-11-13", 20_000), week("2023-11-20", 20_000), week("2023-11-27", 20_000)),
                    "OPERATING", 0, "OPEN");
            FactorResult r = factor.assess(s);
            assertThat(r.value()).isGreaterThan(1.0);
            assertThat(r.score()).isZero();
        }

        @Test
        void halfThePaceNeededScoresAHalfTimesTheUrgency() {
            // 2023-12-03: 28 days to 12-31 → needed = 40,000 / 4 = 10,000 t/week; urgency 1 - 28/91
            LocalDate asOf = LocalDate.of(2023, 12, 3);
            RiskSituation s = of(1_000_000, 40_000, 40_000, asOf,
                    List.of(week("2023-11-13", 5_000), week("2023-11-20", 5_000), week("2023-11-27", 5_000)),
                    "OPERATING", 0, "OPEN");
            FactorResult r = factor.assess(s);
            assertThat(r.value()).isCloseTo(0.5, within(1e-9));
            assertThat(r.score()).isCloseTo(0.5 * (1 - 28 / 91.0), within(1e-9));
        }

        @Test
        void farFromTheDeadlineAPaceShortfallCountsNothing() {
            RiskSituation s = of(1_000_000, 40_000, 40_000, LocalDate.of(2023, 9, 1), List.of(), "OPERATING", 0, "OPEN");
            FactorResult r = factor.assess(s);
            assertThat(r.value()).isZero();
            assertThat(r.score()).isZero();
        }

        @Test
        void weeksOutsideTheWindowOrAfterTheDayDoNotCount() {
            LocalDate asOf = LocalDate.of(2023, 12, 3);
            RiskSituation s = of(1_000_000, 40_000, 40_000, asOf,
                    List.of(week("2023-11-06", 900_000), week("2023-12-04", 900_000)), "OPERATING", 0, "OPEN");
            assertThat(factor.recentWeeklyNet(s)).isZero();
            assertThat(factor.assess(s).score()).isCloseTo(1 - 28 / 91.0, within(1e-9));
        }

        @Test
        void aNetSellerWithAGapScoresOne() {
            RiskSituation s = of(1_000_000, 40_000, 40_000, DEC_4, List.of(week("2023-11-27", -10_000)),
                    "OPERATING", 0, "OPEN");
            assertThat(factor.assess(s).score()).isCloseTo(1 - 27 / 91.0, within(1e-9));
        }

        @Test
        void noGapScoresZeroAndNoTimeLeftWithAGapScoresOne() {
            assertThat(factor.assess(gap(1_000_000, 0, DEC_4)).score()).isZero();
            assertThat(factor.assess(gap(1_000_000, 10, LocalDate.of(2024, 1, 2))).score()).isEqualTo(1.0);
        }
    }

    @Nested
    class TimeLeft {
        final TimeLeftFactor factor = new TimeLeftFactor(91);

        @Test
        void risesLinearlyToTheDeadline() {
            assertThat(factor.assess(gap(1_000_000, 10, LocalDate.of(2023, 9, 1))).score()).isZero();
            FactorResult fourWeeks = factor.assess(gap(1_000_000, 10, LocalDate.of(2023, 12, 3)));
            assertThat(fourWeeks.value()).isEqualTo(28);
            assertThat(fourWeeks.score()).isCloseTo(1 - 28 / 91.0, within(1e-9));
            assertThat(factor.assess(gap(1_000_000, 10, Situations.DEADLINE)).score()).isEqualTo(1.0);
            assertThat(factor.assess(gap(1_000_000, 10, LocalDate.of(2024, 2, 1))).score()).isEqualTo(1.0);
        }

        @Test
        void withoutAGapTimeIsNoRisk() {
            assertThat(factor.assess(gap(1_000_000, 0, Situations.DEADLINE)).score()).isZero();
        }
    }

    @Nested
    class SpecialStatus {
        final SpecialStatusFactor factor = new SpecialStatusFactor(Map.of("COMPLIANCE_RISK", 1.0, "FACILITIES_CLOSED", 0.5));

        @Test
        void scoresTheConfiguredValueOfTheStatus() {
            assertThat(factor.assess(of(1, 0, 0, DEC_4, List.of(), "COMPLIANCE_RISK", 0, "OPEN")).score()).isEqualTo(1.0);
            assertThat(factor.assess(of(1, 0, 0, DEC_4, List.of(), "FACILITIES_CLOSED", 0, "OPEN")).score()).isEqualTo(0.5);
            assertThat(factor.assess(of(1, 0, 0, DEC_4, List.of(), "OPERATING", 0, "OPEN")).score()).isZero();
            assertThat(factor.assess(of(1, 0, 0, DEC_4, List.of(), null, 0, "OPEN")).explanation()).contains("UNKNOWN");
        }

        @Test
        void refusesAScoreOutsideZeroToOne() {
            assertThatThrownBy(() -> new SpecialStatusFactor(Map.of("X", 1.5))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class PastShortfalls {
        final PastShortfallFactor factor = new PastShortfallFactor(0.5);

        @Test
        void eachShortfallAddsUpToOne() {
            assertThat(factor.assess(of(1, 0, 0, DEC_4, List.of(), "OPERATING", 0, "OPEN")).score()).isZero();
            assertThat(factor.assess(of(1, 0, 0, DEC_4, List.of(), "OPERATING", 1, "OPEN")).score()).isEqualTo(0.5);
            assertThat(factor.assess(of(1, 0, 0, DEC_4, List.of(), "OPERATING", 3, "OPEN")).score()).isEqualTo(1.0);
        }
    }
}
