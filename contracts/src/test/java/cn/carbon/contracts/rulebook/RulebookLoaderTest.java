package cn.carbon.contracts.rulebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped rulebook file, loaded from the classpath, and the loader's rejections of bad files. */
class RulebookLoaderTest {

    private final Rulebook rb = ShippedRulebooks.power2021To2022();

    @Test
    void identity() {
        assertThat(rb.id()).isEqualTo("CN-ETS-2021-2022-power");
        assertThat(rb.cycle()).isEqualTo("2021-2022");
        assertThat(rb.version()).isEqualTo(1);
        assertThat(rb.ref()).isEqualTo(new RulebookRef("CN-ETS-2021-2022-power", 1));
        assertThat(rb.complianceYears()).containsExactly(2021, 2022);
        assertThat(rb.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void categoriesAndBenchmarks() {
        assertThat(rb.categories()).containsOnlyKeys("COAL_ABOVE_300MW", "COAL_300MW_AND_BELOW",
                "COAL_UNCONVENTIONAL", "GAS");
        assertThat(rb.category("GAS")).get().extracting(UnitCategory::fuel).isEqualTo(Fuel.GAS);
        assertThat(rb.category("COAL_UNCONVENTIONAL")).get().extracting(UnitCategory::conventional).isEqualTo(false);
        assertThat(rb.benchmarks(2021, "COAL_ABOVE_300MW").electricity().value()).isEqualByComparingTo("0.8218");
        assertThat(rb.benchmarks(2021, "COAL_300MW_AND_BELOW").electricity().value()).isEqualByComparingTo("0.8773");
        assertThat(rb.benchmarks(2021, "COAL_UNCONVENTIONAL").electricity().value()).isEqualByComparingTo("0.9350");
        assertThat(rb.benchmarks(2021, "GAS").electricity().value()).isEqualByComparingTo("0.3920");
        assertThat(rb.benchmarks(2021, "GAS").heat().value()).isEqualByComparingTo("0.0560");
        assertThat(rb.benchmarks(2022, "COAL_ABOVE_300MW").electricity().value()).isEqualByComparingTo("0.8177");
        assertThat(rb.benchmarks(2022, "GAS").heat().value()).isEqualByComparingTo("0.0557");
        assertThat(rb.benchmarks(2022, "COAL_UNCONVENTIONAL").heat().value()).isEqualByComparingTo("0.1105");
        assertThat(rb.balanceValues().value()).isEmpty();
        assertThat(rb.balanceValues().confirmed()).isFalse();
    }

    @Test
    void rulesAsData() {
        assertThat(rb.preAllocation().share().value()).isEqualByComparingTo("0.70");
        assertThat(rb.preAllocation().baseYear().value()).isEqualTo(2021);
        assertThat(rb.allocationFloor().shareOfVerifiedEmissions().value()).isEqualByComparingTo("0.80");
        assertThat(rb.borrowing().gapRateThreshold().value()).isEqualByComparingTo("0.10");
        assertThat(rb.borrowing().maxShareOfGap().value()).isEqualByComparingTo("0.50");
        assertThat(rb.borrowing().sourceVintage().value()).isEqualTo("2023");
        assertThat(rb.ccerOffset().capShareOfObligation().value()).isEqualByComparingTo("0.05");
        assertThat(rb.ccerOffset().oldCcerFiledBefore().value()).isEqualTo(LocalDate.of(2017, 3, 14));
        assertThat(rb.corrections().loadFactor().value().segments()).hasSize(4);
        assertThat(rb.rounding().unitAllowance().value()).isEqualTo(RoundingMode.HALF_UP);
        assertThat(rb.rounding().unitPreAllocation().value()).isEqualTo(RoundingMode.HALF_UP);
        assertThat(rb.rounding().floor().value()).isEqualTo(RoundingMode.HALF_UP);
        assertThat(rb.rounding().borrowingCeiling().value()).isEqualTo(RoundingMode.DOWN);
        assertThat(rb.rounding().ccerCap().value()).isEqualTo(RoundingMode.DOWN);
        assertThat(rb.complianceTargets().value()).extracting(ComplianceTarget::deadline)
                .containsExactly("compliance95Percent", "complianceDeadline");
    }

    @Test
    void openQuestionsAreSettingsWithDocumentedDefaults() {
        assertThat(rb.settings().gasUnitRelief().value())
                .isEqualTo(GasUnitRelief.RAISE_TO_VERIFIED_EMISSIONS_BEFORE_ENTITY_FLOOR);
        assertThat(rb.settings().gapRateDenominator().value()).isEqualTo(GapRateDenominator.VERIFIED_EMISSIONS);
        assertThat(rb.settings().loadFactorCorrectionScope().value())
                .isEqualTo(LoadFactorScope.ALL_COAL_UNITS_INCLUDING_CHP);
        assertThat(new RuleValue<?>[]{rb.settings().gasUnitRelief(), rb.settings().gapRateDenominator(),
                rb.settings().loadFactorCorrectionScope()})
                .allSatisfy(s -> {
                    assertThat(s.confirmed()).isFalse();
                    assertThat(s.note()).isNotBlank();
                });
    }

    @Test
    void recalledValuesAreMarkedUnconfirmed() {
        assertThat(rb.unconfirmedValues()).extracting(RuleValue::path).contains(
                "benchmarks.2021.COAL_300MW_AND_BELOW.supply",   // K4 [R]
                "benchmarks.2021.GAS.supply",                    // K6 [R]
                "benchmarks.2021.COAL_ABOVE_300MW.heat",         // K7 [R]
                "benchmarks.2022.COAL_ABOVE_300MW.supply",       // K8 [R]
                "benchmarks.2022.GAS.heat",                      // K9 [R]
                "categorySizeBoundaryMw",                        // K2 [R]
                "corrections.cooling.factors.AIR",               // K11 [R]
                "corrections.heatSupply.coefficients.COAL",      // K12 coal [R]
                "corrections.loadFactor",                        // K13 [R]
                "preAllocation.baseYear",                        // K15 final [R]
                "settings.gasUnitRelief");
        assertThat(rb.unconfirmedValues()).extracting(RuleValue::path).doesNotContain(
                "benchmarks.2021.COAL_ABOVE_300MW.supply",       // K3 [C-ind]
                "benchmarks.2021.COAL_UNCONVENTIONAL.supply",    // K5 [C-ind]
                "corrections.heatSupply.coefficients.GAS",       // K12 gas [C]
                "preAllocation.share",                           // K14 [C]
                "allocationFloor.shareOfVerifiedEmissions",      // K16 [C]
                "borrowing.gapRateThreshold",                    // K17 [C]
                "ccerOffset.capShareOfObligation");              // K19 [C]
        assertThat(rb.values()).allSatisfy(v -> assertThat(v.source()).isNotBlank());
        assertThat(rb.value("benchmarks.2021.GAS.supply")).get()
                .extracting(RuleValue::source).asString().contains("K6");
    }

    @Test
    void deadlinesInShanghaiTime() {
        Deadline borrowing = rb.deadline(rb.borrowing().applicationDeadline().value());
        assertThat(borrowing.date().value()).isEqualTo(LocalDate.of(2023, 8, 4));
        assertThat(borrowing.kind()).isEqualTo(DeadlineKind.BY);
        assertThat(borrowing.endOfDay().toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2023-08-05T00:00:00+08:00"));
        assertThat(borrowing.isMissedAt(OffsetDateTime.parse("2023-08-04T23:59:59+08:00").toInstant())).isFalse();
        assertThat(borrowing.isMissedAt(OffsetDateTime.parse("2023-08-04T16:00:00Z").toInstant())).isTrue();
        assertThat(rb.deadline("allocationTablesSubmission").date().value()).isEqualTo(LocalDate.of(2023, 8, 4));
        assertThat(rb.deadline("hardshipReliefApplication").date().value()).isEqualTo(LocalDate.of(2023, 8, 4));
        assertThat(rb.deadline("issuanceAndComplianceNotice").date().value()).isEqualTo(LocalDate.of(2023, 8, 11));
        assertThat(rb.deadline("compliance95Percent").date().value()).isEqualTo(LocalDate.of(2023, 11, 15));
        assertThat(rb.deadline("ccerPaperForms").date().value()).isEqualTo(LocalDate.of(2023, 12, 15));
        assertThat(rb.deadline("complianceDeadline").date().value()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(rb.deadline("oldCcerUsableUntil").date().value()).isEqualTo(LocalDate.of(2024, 12, 31));
        Deadline ccerOpens = rb.deadline("ccerOffsetOpens");
        assertThat(ccerOpens.kind()).isEqualTo(DeadlineKind.AFTER);
        assertThat(ccerOpens.isOpenAt(OffsetDateTime.parse("2023-08-14T12:00:00+08:00").toInstant())).isFalse();
        assertThat(ccerOpens.isOpenAt(OffsetDateTime.parse("2023-08-15T00:00:00+08:00").toInstant())).isTrue();
    }

    @Test
    void eligibleVintages() {
        for (int year : new int[]{2021, 2022}) {
            assertThat(rb.isVintageEligible(year, "2019-2020", false)).isTrue();
            assertThat(rb.isVintageEligible(year, "2021", false)).isTrue();
            assertThat(rb.isVintageEligible(year, "2022", false)).isTrue();
            assertThat(rb.isVintageEligible(year, "2023", false)).isFalse();
            assertThat(rb.isVintageEligible(year, "2023", true)).isTrue();
        }
        assertThat(rb.isVintageEligible(2023, "2022", false)).isFalse();
        assertThat(rb.allocationVintage(2022)).isEqualTo("2022");
    }

    @Test
    void aNewVersionWithAnOfficialFigureLoads() {
        Rulebook v2 = ShippedRulebooks.variant(j -> {
            j.put("version", 2);
            ShippedRulebooks.at(j, "/benchmarks/2021/GAS/supply").put("value", new BigDecimal("0.3901"))
                    .put("confirmed", true).put("source", "official plan, annex 1");
        });
        assertThat(v2.ref()).isEqualTo(new RulebookRef("CN-ETS-2021-2022-power", 2));
        assertThat(v2.benchmarks(2021, "GAS").electricity().value()).isEqualByComparingTo("0.3901");
        assertThat(v2.unconfirmedValues()).extracting(RuleValue::path).doesNotContain("benchmarks.2021.GAS.supply");
    }

    // ---- rejections --------------------------------------------------------------------------------------------

    private static RulebookValidationException rejected(Consumer<ObjectNode> edit) {
        try {
            ShippedRulebooks.variant(edit);
        } catch (RulebookValidationException e) {
            return e;
        }
        throw new AssertionError("the loader accepted the edited file");
    }

    @Test
    void missingBenchmark() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/benchmarks/2021/GAS").remove("supply"));
        assertThat(e.errors()).extracting(Object::toString).containsExactly("benchmarks.2021.GAS.supply: missing");
        assertThat(e).hasMessageContaining("benchmarks.2021.GAS.supply");
    }

    @Test
    void missingCategoryInAYear() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/benchmarks/2022").remove("COAL_UNCONVENTIONAL"));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("benchmarks.2022.COAL_UNCONVENTIONAL");
            assertThat(err.message()).startsWith("missing");
        });
    }

    @Test
    void negativeFactor() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/corrections/cooling/factors/AIR")
                .put("value", new BigDecimal("-1.05")));
        assertThat(e.errors()).extracting(Object::toString)
                .containsExactly("corrections.cooling.factors.AIR.value: must be > 0 (was -1.05)");
    }

    @Test
    void negativeHeatCoefficientAndNegativeBenchmark() {
        RulebookValidationException e = rejected(j -> {
            ShippedRulebooks.at(j, "/corrections/heatSupply/coefficients/COAL").put("value", new BigDecimal("-0.22"));
            ShippedRulebooks.at(j, "/benchmarks/2022/GAS/heat").put("value", new BigDecimal("-0.0557"));
        });
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field).containsExactlyInAnyOrder(
                "corrections.heatSupply.coefficients.COAL.value", "benchmarks.2022.GAS.heat.value");
    }

    @Test
    void unknownCategory() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/benchmarks/2021")
                .set("COAL_SUPERCRITICAL", ShippedRulebooks.at(j, "/benchmarks/2021/COAL_ABOVE_300MW").deepCopy()));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("benchmarks.2021.COAL_SUPERCRITICAL");
            assertThat(err.message()).contains("unknown category 'COAL_SUPERCRITICAL'");
        });
    }

    @Test
    void unknownFuelOfACategory() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/categories/GAS/value").put("fuel", "OIL"));
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field)
                .containsExactly("categories.GAS.value.fuel");
    }

    @Test
    void unknownField() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/borrowing").set("maxShareOfGapp",
                ShippedRulebooks.at(j, "/borrowing/maxShareOfGap").deepCopy()));
        assertThat(e.errors()).extracting(Object::toString).containsExactly("borrowing.maxShareOfGapp: unknown field");
    }

    @Test
    void badSettingValue() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/settings/gasUnitRelief")
                .put("value", "RAISE_ALWAYS"));
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field)
                .contains("settings.gasUnitRelief.value");
        assertThat(e).hasMessageContaining("RAISE_TO_VERIFIED_EMISSIONS_BEFORE_ENTITY_FLOOR");
    }

    @Test
    void loadFactorCurveWithAGap() {
        RulebookValidationException e = rejected(j -> ((ObjectNode) ((ArrayNode) j.at("/corrections/loadFactor/value/segments"))
                .get(1)).put("from", new BigDecimal("0.81")));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("corrections.loadFactor.value.segments");
            assertThat(err.message()).contains("contiguous");
        });
    }

    @Test
    void missingConfirmedFlagAndWrongVersion() {
        RulebookValidationException e = rejected(j -> {
            ShippedRulebooks.at(j, "/preAllocation/share").remove("confirmed");
            j.put("version", 0);
        });
        assertThat(e.errors()).extracting(Object::toString).containsExactlyInAnyOrder(
                "preAllocation.share.confirmed: missing", "version: must be >= 1 (was 0)");
    }

    @Test
    void unknownDeadlineReference() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/borrowing/applicationDeadline")
                .put("value", "borrowingDeadline"));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("borrowing.applicationDeadline.value");
            assertThat(err.message()).contains("unknown deadline 'borrowingDeadline'");
        });
    }

    @Test
    void yearThatIsNotACycleYear() {
        RulebookValidationException e = rejected(j -> ShippedRulebooks.at(j, "/vintages/eligible")
                .set("2023", ShippedRulebooks.at(j, "/vintages/eligible/2022").deepCopy()));
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field).contains("vintages.eligible.2023");
    }

    @Test
    void malformedJson() {
        assertThatThrownBy(() -> RulebookLoader.parse("{\"id\": ", "broken.json"))
                .isInstanceOf(RulebookValidationException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("(file)");
    }
}
