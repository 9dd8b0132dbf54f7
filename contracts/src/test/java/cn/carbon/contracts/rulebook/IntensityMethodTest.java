package cn.carbon.contracts.rulebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The output-linked intensity method of steel, cement and aluminium from 2025 (RULES-2023-2025.md §6.2 N45, §6.3): the
 * shipped 2025 rulebook declares each industrial category's output, intensity benchmark and balance coefficient, and
 * the loader names every bad or misplaced parameter.
 */
class IntensityMethodTest {

    private static final String FILE = ShippedRulebooks.FOLDER + "CN-ETS-2025.json";
    private static final String STEEL = "/categories/STEEL_BF_BOF/value";
    private final Rulebook y2025 = RulebookLoader.fromClasspath(FILE);

    @Test
    void the2025RulebookAllocatesTheIndustrialLinesByIntensityWithProvisionalParameters() {
        assertThat(y2025.id()).isEqualTo("CN-ETS-2025");
        assertThat(y2025.cycle()).isEqualTo("2025");
        assertThat(y2025.complianceYears()).containsExactly(2025);
        assertThat(ShippedRulebooks.rulebooks()).extracting(Rulebook::id).contains("CN-ETS-2025");
        for (String code : List.of("STEEL_BF_BOF", "CEMENT_CLINKER", "ALUMINIUM_ELECTROLYSIS")) {
            UnitCategory c = y2025.category(code).orElseThrow();
            assertThat(c.method()).isEqualTo(AllocationMethod.INTENSITY);
            assertThat(c.byIntensity()).isTrue();
            assertThat(c.byBenchmark()).isFalse();
            assertThat(c.fuel()).isNull();
            IntensityParameters p = c.intensity();
            assertThat(p.intensityBenchmark().provisional()).as(code).isTrue();
            assertThat(p.intensityBenchmark().source()).as(code).contains("not published");
            assertThat(p.balanceCoefficient().provisional()).as(code).isTrue();
            assertThat(p.productOutput().value()).as(code).isNotBlank();
            assertThat(y2025.provisionalValues()).extracting(RuleValue::path).contains(
                    "categories." + code + ".value.intensityBenchmark",
                    "categories." + code + ".value.balanceCoefficient");
        }
        assertThat(y2025.category("CEMENT_CLINKER").orElseThrow().intensity().intensityBenchmark().value())
                .isEqualByComparingTo(new BigDecimal("0.8534"));
        // power as in 2024: the same categories and benchmarks, on gross generation
        assertThat(y2025.benchmarks(2025, "COAL_300MW_AND_BELOW").electricity().value())
                .isEqualByComparingTo(new BigDecimal("0.8049"));
        assertThat(y2025.category("GAS").orElseThrow().intensity()).isNull();
    }

    @Test
    void theDeadlinesOfThe2025YearAreOneYearLaterThan2024() {
        Rulebook y2024 = RulebookLoader.fromClasspath(ShippedRulebooks.FOLDER + "CN-ETS-2024.json");
        for (String key : List.of("verificationCompletion", "issuanceAndComplianceNotice", "complianceDeadline",
                "carryOverCutOff")) {
            assertThat(y2025.deadline(key).date().value()).as(key)
                    .isEqualTo(y2024.deadline(key).date().value().plusYears(1));
        }
        assertThat(y2025.allocationVintage(2025)).isEqualTo("2025");
        assertThat(y2025.isVintageEligible(2025, "2025", false)).isTrue();
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        RulebookValidationException e = invalid(json -> {
            ObjectNode steel = ShippedRulebooks.at(json, STEEL);
            steel.remove("intensityBenchmark");
            ShippedRulebooks.at(json, STEEL + "/balanceCoefficient").put("value", 0);
            ShippedRulebooks.at(json, "/categories/CEMENT_CLINKER/value/intensityBenchmark").put("value", -0.85);
            ShippedRulebooks.at(json, "/categories/ALUMINIUM_ELECTROLYSIS/value/productOutput").put("unit", "kg");
        });
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field).containsExactlyInAnyOrder(
                "categories.STEEL_BF_BOF.value.intensityBenchmark",
                "categories.STEEL_BF_BOF.value.balanceCoefficient.value",
                "categories.CEMENT_CLINKER.value.intensityBenchmark.value",
                "categories.ALUMINIUM_ELECTROLYSIS.value.productOutput.unit");
        assertThat(e.errors()).extracting(Object::toString).contains(
                "categories.STEEL_BF_BOF.value.intensityBenchmark: missing (an INTENSITY category needs "
                        + "productOutput, intensityBenchmark, balanceCoefficient)",
                "categories.STEEL_BF_BOF.value.balanceCoefficient.value: must be > 0 (was 0)",
                "categories.CEMENT_CLINKER.value.intensityBenchmark.value: must be > 0 (was -0.85)",
                "categories.ALUMINIUM_ELECTROLYSIS.value.productOutput.unit: must be \"t\" (was \"kg\")");
    }

    @Test
    void theBenchmarkNeedsItsUnitAndProvenance() {
        RulebookValidationException e = invalid(json -> {
            ShippedRulebooks.at(json, STEEL + "/intensityBenchmark").remove("unit");
            ShippedRulebooks.at(json, STEEL + "/balanceCoefficient").remove("source");
            ShippedRulebooks.at(json, STEEL + "/productOutput").put("value", 12);
        });
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field).containsExactlyInAnyOrder(
                "categories.STEEL_BF_BOF.value.intensityBenchmark.unit",
                "categories.STEEL_BF_BOF.value.balanceCoefficient.source",
                "categories.STEEL_BF_BOF.value.productOutput.value");
    }

    @Test
    void noOtherMethodCarriesIntensityParameters() {
        RulebookValidationException e = invalid(json -> {
            ObjectNode steel = ShippedRulebooks.at(json, STEEL);
            steel.put("method", "VERIFIED_EMISSIONS");
            ObjectNode gas = ShippedRulebooks.at(json, "/categories/GAS/value");
            gas.set("balanceCoefficient", steel.get("balanceCoefficient").deepCopy());
        });
        assertThat(e.errors()).extracting(Object::toString).containsExactlyInAnyOrder(
                "categories.STEEL_BF_BOF.value.productOutput: only an INTENSITY category declares productOutput "
                        + "(this one is allocated by VERIFIED_EMISSIONS)",
                "categories.STEEL_BF_BOF.value.intensityBenchmark: only an INTENSITY category declares "
                        + "intensityBenchmark (this one is allocated by VERIFIED_EMISSIONS)",
                "categories.STEEL_BF_BOF.value.balanceCoefficient: only an INTENSITY category declares "
                        + "balanceCoefficient (this one is allocated by VERIFIED_EMISSIONS)",
                "categories.GAS.value.balanceCoefficient: only an INTENSITY category declares balanceCoefficient "
                        + "(this one is allocated by POWER_BENCHMARK)");
    }

    @Test
    void anIntensityCategoryHasNoPowerBenchmarks() {
        RulebookValidationException e = invalid(json -> ShippedRulebooks.at(json, "/benchmarks/2025")
                .set("CEMENT_CLINKER", ShippedRulebooks.at(json, "/benchmarks/2025/GAS").deepCopy()));
        assertThat(e.errors()).extracting(Object::toString).containsExactly(
                "benchmarks.2025.CEMENT_CLINKER: category CEMENT_CLINKER is allocated by INTENSITY: it has no benchmarks");
    }

    @Test
    void aBrokenIntensityCategoryIsNotAlsoReportedAsMissingItsPowerBenchmarks() {
        RulebookValidationException e = invalid(json -> ShippedRulebooks.at(json, STEEL).remove("name"));
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field)
                .containsExactly("categories.STEEL_BF_BOF.value.name");
    }

    private static RulebookValidationException invalid(Consumer<ObjectNode> edit) {
        ObjectNode json = ShippedRulebooks.tree(FILE);
        edit.accept(json);
        return catchThrowableOfType(RulebookValidationException.class,
                () -> RulebookLoader.parse(json.toString(), "test"));
    }
}
