package cn.carbon.surrender.forced;

import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.surrender.rulebook.Rulebook;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.carbon.surrender.forced.ForcedSurrenderPlan.Source.CUSTODY;
import static cn.carbon.surrender.forced.ForcedSurrenderPlan.Source.HOLDING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notice §一 and RULES.md E8: own-year vintage first, then the other year, then release the rest; issue 12 item 7: a
 * frozen holding account is drawn on too, custody first within each vintage.
 */
class ForcedSurrenderPlanTest {

    static final Rulebook RULEBOOK = Rulebook.of(ShippedRulebooks.power2021To2022());

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
        // 2022 vintage only 1,000,000: both years short 50,000; the entity must buy 100,000. Its own account is not
        // frozen here, so it is not part of the plan: only custody units are (frozen: see below).
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

    static ForcedSurrenderPlan frozen(long obligation2021, long obligation2022, Map<String, Long> custody,
                                      Map<String, Long> holding) {
        return ForcedSurrenderPlan.plan(RULEBOOK.complianceYears(), Map.of(2021, obligation2021, 2022, obligation2022),
                RULEBOOK.ownVintage(), RULEBOOK.eligible(), custody, holding);
    }

    static ForcedSurrenderPlan.Take take(String vintage, long q, ForcedSurrenderPlan.Source from) {
        return new ForcedSurrenderPlan.Take(vintage, q, from);
    }

    @Test
    void notFrozenEveryLineComesFromCustodyAndTheHoldingAccountIsNotPartOfThePlan() {
        ForcedSurrenderPlan plan = plan(1_000_000, 1_050_000, Map.of("2021", 950_000L, "2022", 1_000_000L));
        assertThat(plan.surrendered().values()).allSatisfy(lines -> assertThat(lines).extracting(
                ForcedSurrenderPlan.Take::from).containsOnly(CUSTODY));
        assertThat(plan).isEqualTo(frozen(1_000_000, 1_050_000, Map.of("2021", 950_000L, "2022", 1_000_000L), Map.of()));
    }

    @Test
    void e8VariantFrozenTheHoldingAccountCoversWhatCustodyCannotAndKeepsWhatIsNotNeeded() {
        // the variant's 30,000 of 2019-2020 in the frozen own account now serve 2021 (its first year short after step 1)
        ForcedSurrenderPlan plan = frozen(1_000_000, 1_050_000, Map.of("2021", 950_000L, "2022", 1_000_000L),
                Map.of("2019-2020", 30_000L));
        assertThat(plan.surrendered().get(2021)).containsExactly(take("2021", 950_000, CUSTODY),
                take("2019-2020", 30_000, HOLDING));
        assertThat(plan.surrendered().get(2022)).containsExactly(take("2022", 1_000_000, CUSTODY));
        assertThat(plan.shortfall()).containsEntry(2021, 20_000L).containsEntry(2022, 50_000L);
        assertThat(plan.released()).isEmpty();
    }

    @Test
    void frozenCustodyBeforeHoldingWithinEachVintageOwnVintageFirst() {
        ForcedSurrenderPlan plan = frozen(1_000, 1_050, Map.of("2021", 900L, "2022", 1_000L),
                Map.of("2021", 80L, "2022", 100L, "2019-2020", 30L, "2023", 500L));
        // step 1: 2021 takes 900 of 2021 from custody, then 80 of 2021 from the holding account (short 20);
        //         2022 takes 1,000 of 2022 from custody, then 50 of 2022 from the holding account
        // step 2: 2021's 20 come from the 2022 remainder (custody has none left: the holding account's 50)
        assertThat(plan.surrendered().get(2021)).containsExactly(take("2021", 900, CUSTODY), take("2021", 80, HOLDING),
                take("2022", 20, HOLDING));
        assertThat(plan.surrendered().get(2022)).containsExactly(take("2022", 1_000, CUSTODY), take("2022", 50, HOLDING));
        assertThat(plan.shortfall()).containsEntry(2021, 0L).containsEntry(2022, 0L);
        // the holding account keeps 30 of 2022, its 2019-2020 and the ineligible 2023; custody has nothing to release
        assertThat(plan.surrenderedT(2021, HOLDING) + plan.surrenderedT(2022, HOLDING)).isEqualTo(150);
        assertThat(plan.released()).isEmpty();
    }

    @Test
    void frozenOwnVintageInTheHoldingAccountComesBeforeTheOtherYearsVintageInCustody() {
        ForcedSurrenderPlan plan = frozen(100, 100, Map.of("2022", 200L), Map.of("2021", 100L));
        assertThat(plan.surrendered().get(2021)).containsExactly(take("2021", 100, HOLDING));
        assertThat(plan.surrendered().get(2022)).containsExactly(take("2022", 100, CUSTODY));
        // custody's rest is released as ever
        assertThat(plan.released()).containsExactly(take("2022", 100, CUSTODY));
    }

    @Test
    void frozenUnitsAreConservedPerAccountWhateverTheFigures() {
        for (long a : List.of(0L, 1L, 500L, 2_000L)) {
            for (long h : List.of(0L, 7L, 900L, 3_000L)) {
                Map<String, Long> custody = Map.of("2021", a, "2022", a / 2, "2019-2020", 11L);
                Map<String, Long> holding = Map.of("2021", h / 3, "2022", h, "2019-2020", 5L);
                ForcedSurrenderPlan plan = frozen(a + 13, h + 40, custody, holding);
                long custodyIn = custody.values().stream().mapToLong(Long::longValue).sum();
                long holdingIn = holding.values().stream().mapToLong(Long::longValue).sum();
                assertThat(plan.surrenderedT(2021, CUSTODY) + plan.surrenderedT(2022, CUSTODY) + plan.releasedT())
                        .isEqualTo(custodyIn);
                assertThat(plan.surrenderedT(2021, HOLDING) + plan.surrenderedT(2022, HOLDING)).isLessThanOrEqualTo(holdingIn);
                assertThat(plan.surrenderedT(2021) + plan.shortfall().get(2021)).isEqualTo(a + 13);
                assertThat(plan.surrenderedT(2022) + plan.shortfall().get(2022)).isEqualTo(h + 40);
                // a shortfall only when both accounts are out of eligible units
                if (plan.shortfall().get(2021) + plan.shortfall().get(2022) > 0) {
                    assertThat(plan.releasedT()).isZero();
                    assertThat(plan.surrenderedT(2021, HOLDING) + plan.surrenderedT(2022, HOLDING)).isEqualTo(holdingIn);
                }
            }
        }
    }
}
