package cn.carbon.contracts.rulebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The shipped 2023 and 2024 power rulebooks (RULES-2023-2025.md §13's default readings) and what changed in them. */
class NextCyclesRulebookTest {

    private final Rulebook y2023 = RulebookLoader.fromClasspath(ShippedRulebooks.FOLDER + "CN-ETS-2023-power.json");
    private final Rulebook y2024 = RulebookLoader.fromClasspath(ShippedRulebooks.FOLDER + "CN-ETS-2024.json");

    @Test
    void eachYearIsItsOwnCycleWithItsOwnDeadline() {
        assertThat(y2023.cycle()).isEqualTo("2023");
        assertThat(y2023.complianceYears()).containsExactly(2023);
        assertThat(y2023.deadline("complianceDeadline").date().value()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(y2024.cycle()).isEqualTo("2024");
        assertThat(y2024.deadline("complianceDeadline").date().value()).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @Test
    void grossGenerationWithoutHeatFactorBorrowingOrPreAllocation() {
        for (Rulebook rb : new Rulebook[] {y2023, y2024}) {
            assertThat(rb.outputBasis().value()).isEqualTo(OutputBasis.GROSS_GENERATION);
            assertThat(rb.corrections().heatSupplyRule()).isEmpty();
            assertThat(rb.corrections().coolingRule()).isEmpty();
            assertThat(rb.corrections().loadFactorRule()).isEmpty();
            assertThat(rb.borrowingRule()).isEmpty();
            assertThat(rb.preAllocationRule()).isEmpty();
            assertThat(rb.vintages().borrowedOnly().value()).isEmpty();
        }
        assertThat(y2024.benchmarks(2024, "COAL_300MW_AND_BELOW").electricity().value()).isEqualByComparingTo("0.8049");
        assertThat(y2023.benchmarks(2023, "GAS").electricity().value()).isEqualByComparingTo("0.3305");
    }

    @Test
    void vintagesUpToTheObligationYear() {
        assertThat(y2023.isVintageEligible(2023, "2023", false)).isTrue();
        assertThat(y2023.isVintageEligible(2023, "2019-2020", false)).isTrue();
        assertThat(y2023.isVintageEligible(2023, "2024", false)).isFalse();
        assertThat(y2024.isVintageEligible(2024, "2024", false)).isTrue();
    }

    @Test
    void openValuesAreProvisionalAndNeverConfirmed() {
        assertThat(y2023.provisionalValues()).extracting(RuleValue::path)
                .contains("benchmarks.2023.COAL_ABOVE_300MW.generation", "benchmarks.2023.GAS.heat",
                        "deadlines.compliance95Percent", "complianceTargets")
                .doesNotContain("deadlines.complianceDeadline", "ccerOffset.capShareOfObligation");
        assertThat(y2023.provisionalValues()).noneMatch(RuleValue::confirmed);
        // the 2021-2022 book has none: its open values are [R], not OPEN
        assertThat(ShippedRulebooks.power2021To2022().provisionalValues()).isEmpty();
        assertThat(ShippedRulebooks.power2021To2022().outputBasis().value()).isEqualTo(OutputBasis.NET_SUPPLY);
    }

    @Test
    void theCarryOverCapOfTheWorkedExamples() {
        CarryOverRule rule = y2024.carryOver();
        assertThat(y2023.carryOver()).isNull();
        assertThat(rule.vintages().value()).containsExactly("2019-2020", "2021", "2022", "2023", "2024");
        assertThat(y2024.deadline(rule.cutOff().value()).date().value()).isEqualTo(LocalDate.of(2025, 12, 31));
        // F4: net sales 40,000 t: 10,000 + 1.5 × 40,000
        assertThat(rule.capT(40_000)).isEqualTo(70_000);
        // F5: a net buyer (−20,000 t) keeps the base
        assertThat(rule.capT(-20_000)).isEqualTo(10_000);
        // F4 continued: selling 12,000 t more closes an excess of 30,000 t (cap +18,000, holdings −12,000)
        assertThat(rule.capT(52_000) - (100_000 - 12_000)).isZero();
        // a half tonne rounds down (capRounding)
        assertThat(rule.capT(3)).isEqualTo(10_004);
    }

    @Test
    void aSupplyBenchmarkInAGenerationRulebookIsNamed() {
        ObjectNode json = ShippedRulebooks.tree(ShippedRulebooks.FOLDER + "CN-ETS-2023-power.json");
        ObjectNode gas = ShippedRulebooks.at(json, "/benchmarks/2023/GAS");
        gas.set("supply", gas.remove("generation"));
        RulebookValidationException e = catchThrowableOfType(RulebookValidationException.class,
                () -> RulebookLoader.parse(json.toString(), "test"));
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field)
                .contains("benchmarks.2023.GAS.supply", "benchmarks.2023.GAS.generation");
    }

    @Test
    void aProvisionalValueCannotAlsoBeConfirmed() {
        ObjectNode json = ShippedRulebooks.tree(ShippedRulebooks.FOLDER + "CN-ETS-2023-power.json");
        ShippedRulebooks.at(json, "/benchmarks/2023/GAS/generation").put("confirmed", true);
        RulebookValidationException e = catchThrowableOfType(RulebookValidationException.class,
                () -> RulebookLoader.parse(json.toString(), "test"));
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field)
                .containsExactly("benchmarks.2023.GAS.generation.provisional");
    }
}
