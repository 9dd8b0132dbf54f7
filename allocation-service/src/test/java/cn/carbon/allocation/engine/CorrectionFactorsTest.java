package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.Cooling;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.COAL_B;
import static cn.carbon.allocation.engine.Units.COAL_C;
import static cn.carbon.allocation.engine.Units.coal;
import static cn.carbon.allocation.engine.Units.condensing;
import static cn.carbon.allocation.engine.Units.gas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Cooling, heat-supply and load-factor corrections (RULES.md §3 K11–K13, §4.3) from the shipped rulebook. */
class CorrectionFactorsTest {

    private final Rulebook rb = ShippedRulebooks.power2021To2022();
    private final AllocationEngine engine = new AllocationEngine(rb);

    private AppliedFactor loadFactorAt(String f) {
        return engine.unitAllowance(2021, condensing("U", 2021, COAL_A, "1000", f, 0)).load();
    }

    @Test
    void coolingFactorForCoalByCoolingType() {
        UnitAllowance air = engine.unitAllowance(2021, coal("A", 2021, COAL_A, Cooling.AIR, "1000", "0", "0", "0.9", 0));
        UnitAllowance water = engine.unitAllowance(2021, coal("W", 2021, COAL_A, Cooling.WATER, "1000", "0", "0", "0.9", 0));
        assertThat(air.cooling().applied()).isTrue();
        assertThat(air.cooling().value()).isEqualByComparingTo("1.05");
        assertThat(air.cooling().rulePath()).isEqualTo("corrections.cooling.factors.AIR");
        assertThat(water.cooling().value()).isEqualByComparingTo("1.00");
        // 1000 × 0.8218 × 1.05 = 862.89 → 863; water: 821.8 → 822
        assertThat(air.allowanceT()).isEqualTo(863L);
        assertThat(water.allowanceT()).isEqualTo(822L);
    }

    @Test
    void gasUnitsHaveNoCoolingOrLoadFactor() {
        UnitYearData airGas = new UnitYearData("G", 2021, Units.GAS, Cooling.AIR, null, new BigDecimal("1000"),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.50"), 0);
        UnitAllowance a = engine.unitAllowance(2021, airGas);
        assertThat(a.cooling().applied()).isFalse();
        assertThat(a.cooling().value()).isEqualByComparingTo("1");
        assertThat(a.load().applied()).isFalse();
        assertThat(a.load().value()).isEqualByComparingTo("1");
        assertThat(a.allowanceT()).isEqualTo(392L); // 1000 × 0.3920
    }

    @Test
    void heatSupplyFactorPerFuel() {
        UnitAllowance coalChp = engine.unitAllowance(2021,
                coal("C", 2021, COAL_C, Cooling.WATER, "1000", "0", "0.5", "0.9", 0));
        assertThat(coalChp.heatSupply().value()).isEqualByComparingTo("0.89"); // 1 − 0.22 × 0.5
        assertThat(coalChp.heatSupply().applied()).isTrue();
        UnitAllowance gasChp = engine.unitAllowance(2021, gas("G", 2021, "1000", "0", "0.5", 0));
        assertThat(gasChp.heatSupply().value()).isEqualByComparingTo("0.7"); // 1 − 0.6 × 0.5
        UnitAllowance pure = engine.unitAllowance(2021, gas("P", 2021, "1000", "0", "0", 0));
        assertThat(pure.heatSupply().applied()).isFalse();
        assertThat(pure.heatSupply().value()).isEqualByComparingTo("1");
        // heat part: Qh × Bh, without corrections; 2022 heat benchmark coal 0.1105
        UnitAllowance heat = engine.unitAllowance(2022,
                coal("H", 2022, COAL_B, Cooling.AIR, "0", "10000", "1", "0.9", 0));
        assertThat(heat.heatPart()).isEqualByComparingTo("1105");
        assertThat(heat.allowanceT()).isEqualTo(1105L);
    }

    @ParameterizedTest(name = "F = {0} → Ff = {1}")
    @CsvSource({
            "1.00,   1",
            "0.90,   1",
            "0.85,   1",          // boundary: ≥ 85 % is 1.0
            "0.8499, 1.000014",   // 1 + 0.0014 × (85 − 84.99)
            "0.84,   1.0014",
            "0.83,   1.0028",
            "0.80,   1.007",      // boundary: 80 % ≤ F < 85 %
            "0.7999, 1.007016",   // 1.007 + 0.0016 × (80 − 79.99)
            "0.78,   1.0102",
            "0.75,   1.015",      // boundary: 75 % ≤ F < 80 %
    })
    void loadFactorCurveExactSegments(String f, String expected) {
        assertThat(loadFactorAt(f).value()).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "F = {0} → 1.015^(16 − 20F)")
    @CsvSource({"0.7499", "0.72", "0.60", "0.30", "0.0001"})
    void loadFactorCurveExponentialSegment(String f) {
        double expected = Math.pow(1.015, 16 - 20 * Double.parseDouble(f));
        assertThat(loadFactorAt(f).value().doubleValue()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void loadFactorAtZeroIsTheExactIntegerPower() {
        assertThat(loadFactorAt("0").value()).isEqualByComparingTo(new BigDecimal("1.015").pow(16));
    }

    @Test
    void loadFactorCurveIsContinuousAtItsThresholds() {
        for (String[] t : new String[][]{{"0.85", "0.849999999"}, {"0.80", "0.799999999"}, {"0.75", "0.749999999"}}) {
            BigDecimal at = loadFactorAt(t[0]).value();
            BigDecimal below = loadFactorAt(t[1]).value();
            assertThat(below).isCloseTo(at, within(new BigDecimal("0.0000001")));
            assertThat(below).isGreaterThan(at); // the factor grows as the load falls
        }
    }

    @Test
    void loadFactorScopeSetting() {
        UnitYearData chp = coal("CHP", 2021, COAL_B, Cooling.WATER, "1000", "5000", "0.3", "0.72", 0);
        UnitYearData unconventional = condensing("CFB", 2021, COAL_C, "1000", "0.72", 0);
        UnitYearData condensingA = condensing("A", 2021, COAL_A, "1000", "0.72", 0);

        assertThat(engine.unitAllowance(2021, chp).load().applied()).isTrue();
        assertThat(engine.unitAllowance(2021, unconventional).load().applied()).isTrue();

        AllocationEngine narrow = new AllocationEngine(
                ShippedRulebooks.withSetting("loadFactorCorrectionScope", "CONVENTIONAL_COAL_PURE_CONDENSING_ONLY"));
        assertThat(narrow.unitAllowance(2021, chp).load().applied()).isFalse();
        assertThat(narrow.unitAllowance(2021, unconventional).load().applied()).isFalse();
        assertThat(narrow.unitAllowance(2021, condensingA).load().applied()).isTrue();
        assertThat(narrow.unitAllowance(2021, chp).load().basis()).contains("CONVENTIONAL_COAL_PURE_CONDENSING_ONLY");
    }

    @Test
    void coalUnitWithoutLoadFactorIsRejectedWhereTheCorrectionApplies() {
        assertThatThrownBy(() -> engine.unitAllowance(2021, condensing("NOLF", 2021, COAL_A, "1000", null, 0)))
                .isInstanceOf(UnitDataException.class)
                .hasMessageContaining("NOLF")
                .hasMessageContaining("loadFactor")
                .satisfies(e -> assertThat(((UnitDataException) e).field()).isEqualTo("loadFactor"));
    }

    @Test
    void factorsComeFromTheRulebook() {
        Rulebook official = ShippedRulebooks.variant(j -> ShippedRulebooks.at(j, "/corrections/cooling/factors/AIR")
                .put("value", new BigDecimal("1.04")).put("confirmed", true));
        UnitAllowance a = new AllocationEngine(official).unitAllowance(2021,
                coal("A", 2021, COAL_A, Cooling.AIR, "1000", "0", "0", "0.9", 0));
        assertThat(a.cooling().value()).isEqualByComparingTo("1.04");
        assertThat(a.allowanceT()).isEqualTo(855L); // 1000 × 0.8218 × 1.04 = 854.672
    }
}
