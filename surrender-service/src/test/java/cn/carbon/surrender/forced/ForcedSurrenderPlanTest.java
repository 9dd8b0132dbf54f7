package cn.carbon.surrender.forced;

import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.RulebookLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Notice §一 and RULES.md E8: own-year vintage first, then the other year, then release the rest. */
class ForcedSurrenderPlanTest {

    static final Rulebook RULEBOOK = RulebookLoader.load("classpath:rulebook/2021-2022.json");

    static ForcedSurrenderPlan plan(long obligation2021, long obligation2022, Map<String, Long> custody) {
        return ForcedSurrenderPlan.plan(RULEBOOK.complianceYears(), Map.of(2021, obligation2021, 2022, obligation2022),
                RULEBOOK.ownVintage(), RULEBOOK.eligible(), custody);
    }

    @Test
    void e8OwnVintageFirstThenTheRemainderToTheOtherYearThenRelease() {
        ForcedSurrenderPlan plan = plan(1_000_000, 1_050_000, Map.of("2021", 950_000L, "2022", 1_120_000L));

        // step 1: 2021 gets 950,000 of 2021 (short 50,000); 2022 gets 1,050,000 of 2022 (70,000 left)
        // step 2: 50,000 of the 2022 remainder completes 2021
        assertThat(plan.surrendered().get(2021)).containsExactly(
                new ForcedSurrenderPlan.Take("2021", 950_000), new ForcedSurrenderPlan.Take("2022", 50_000));
        assertThat(plan.surrendered().get(2022)).containsExactly(new ForcedSurrenderPlan.Take("2022", 1_050_000));
        // step 3: 20,000 of 2022 released to the entity's account
        assertThat(plan.released()).containsExactly(new ForcedSurrenderPlan.Take("2022", 20_000));
        assertThat(plan.shortfall()).containsEntry(2021, 0L).containsEntry(2022, 0L);
        assertThat(plan.surrenderedT(2021)).isEqualTo(1_000_000);
        assertThat(plan.surrenderedT(2022)).isEqualTo(1_050_000);
    }

    @Test
    void e8VariantBothYearsShortNothingReleased() {
        // 2022 vintage only 1,000,000: both years short 50,000; the entity must buy 100,000. Its own account (30,000 of
        // 2019-2020, frozen by a court) is not part of the plan: only custody units are.
        ForcedSurrenderPlan plan = plan(1_000_000, 1_050_000, Map.of("2021", 950_000L, "2022", 1_000_000L));

        assertThat(plan.surrendered().get(2021)).containsExactly(new ForcedSurrenderPlan.Take("2021", 950_000));
        assertThat(plan.surrendered().get(2022)).containsExactly(new ForcedSurrenderPlan.Take("2022", 1_000_000));
        assertThat(plan.released()).isEmpty();
        assertThat(plan.shortfall()).containsEntry(2021, 50_000L).containsEntry(2022, 50_000L);
        assertThat(plan.shortfall().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100_000);
    }

    @Test
    void theSurplusOf2021ServesA2022Shortfall() {
        ForcedSurrenderPlan plan = plan(800, 1_000, Map.of("2021", 1_100L, "2022", 900L));
        assertThat(plan.surrendered().get(2021)).containsExactly(new ForcedSurrenderPlan.Take("2021", 800));
        assertThat(plan.surrendered().get(2022)).containsExactly(
                new ForcedSurrenderPlan.Take("2022", 900), new ForcedSurrenderPlan.Take("2021", 100));
        assertThat(plan.released()).containsExactly(new ForcedSurrenderPlan.Take("2021", 200));
        assertThat(plan.shortfall()).containsEntry(2021, 0L).containsEntry(2022, 0L);
    }

    @Test
    void nothingOwedReleasesEverythingAndAnEmptyCustodyOnlyRecordsShortfalls() {
        ForcedSurrenderPlan all = plan(0, 0, Map.of("2021", 10L, "2022", 20L));
        assertThat(all.surrenderedT(2021) + all.surrenderedT(2022)).isZero();
        assertThat(all.released()).containsExactly(new ForcedSurrenderPlan.Take("2021", 10), new ForcedSurrenderPlan.Take("2022", 20));

        ForcedSurrenderPlan none = plan(5, 7, Map.of());
        assertThat(none.released()).isEmpty();
        assertThat(none.shortfall()).containsEntry(2021, 5L).containsEntry(2022, 7L);
    }

    @Test
    void unitsAreConservedWhateverTheFigures() {
        for (long a : List.of(0L, 1L, 500L, 2_000L)) {
            for (long b : List.of(0L, 3L, 700L, 5_000L)) {
                Map<String, Long> custody = Map.of("2021", a * 2, "2022", b, "2019-2020", 11L);
                ForcedSurrenderPlan plan = plan(a + 13, b * 2, custody);
                long in = custody.values().stream().mapToLong(Long::longValue).sum();
                assertThat(plan.surrenderedT(2021) + plan.surrenderedT(2022) + plan.releasedT()).isEqualTo(in);
                assertThat(plan.surrenderedT(2021) + plan.shortfall().get(2021)).isEqualTo(a + 13);
                assertThat(plan.surrenderedT(2022) + plan.shortfall().get(2022)).isEqualTo(b * 2);
            }
        }
    }
}
