package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.RulebookLoader;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The output-linked intensity method of steel, cement and aluminium lines in 2025 (RULES-2023-2025.md §6.3), on the
 * shipped 2025 rulebook as it is read (its placeholder benchmarks, provisional): output × benchmark × coefficient at
 * full precision, rounded once to a whole tonne with {@code rounding.unitAllowance}.
 */
class IntensityWorkedExamplesTest {

    private static final String FILE = ShippedRulebooks.FOLDER + "CN-ETS-2025.json";
    private static final Rulebook Y2025 = RulebookLoader.fromClasspath(FILE);

    /** A line with its product output; no cooling, power or heat. */
    static UnitYearData line(String id, String category, String outputT, long emissionsT) {
        return new UnitYearData(id, 2025, category, null, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                null, emissionsT, null, outputT == null ? null : new BigDecimal(outputT));
    }

    @Test
    void aSteelLineIsAllocatedItsCrudeSteelTimesTheBenchmarkAndCoefficient() {
        BigDecimal benchmark = (BigDecimal) Y2025.value("categories.STEEL_BF_BOF.value.intensityBenchmark")
                .orElseThrow().value();
        BigDecimal coefficient = (BigDecimal) Y2025.value("categories.STEEL_BF_BOF.value.balanceCoefficient")
                .orElseThrow().value();
        // the placeholder readings shipped: 1.8 tCO2/t crude steel, coefficient 1
        assertThat(benchmark).isEqualByComparingTo("1.8");
        assertThat(coefficient).isEqualByComparingTo("1");

        // 2,000,000 t crude steel × 1.8 × 1.0 = 3,600,000 t; verified emissions 3,500,000 t
        EntityYearAllocation a = new AllocationEngine(Y2025).verify("S", EntityStatus.OPERATING, 2025,
                List.of(line("BF1", "STEEL_BF_BOF", "2000000", 3_500_000)), 0);
        UnitAllowance u = a.units().get(0);
        assertThat(u.intensity().productOutputT()).isEqualByComparingTo("2000000");
        assertThat(u.intensity().intensityBenchmark()).isEqualByComparingTo(benchmark);
        assertThat(u.intensity().balanceCoefficient()).isEqualByComparingTo(coefficient);
        assertThat(u.unrounded()).isEqualByComparingTo("3600000");
        assertThat(u.allowanceT()).isEqualTo(3_600_000L);
        assertThat(u.heatSupply().basis()).isEqualTo(
                "allocation = product output × intensity benchmark × balance coefficient (INTENSITY, STEEL)");
        assertThat(a.verifiedAllocationT()).isEqualTo(3_600_000L);
        assertThat(a.issuedT()).isEqualTo(3_600_000L);
        assertThat(a.obligationT()).as("the obligation stays the verified emissions").isEqualTo(3_500_000L);
        assertThat(a.gapT()).isZero();
        assertThat(a.floorReliefT()).isZero();
        assertThat(a.provisionalValues()).containsExactly("categories.STEEL_BF_BOF.value.intensityBenchmark",
                "categories.STEEL_BF_BOF.value.balanceCoefficient");
    }

    @Test
    void theFigureIsRoundedOnceHalfUpToTheTonne() {
        AllocationEngine engine = new AllocationEngine(Y2025);
        assertThat(Y2025.rounding().unitAllowance().value()).hasToString("HALF_UP");
        // 2,500 t clinker × 0.8534 = 2,133.5 t ⇒ 2,134 t (half up, not to even)
        UnitAllowance half = engine.unitAllowance(2025, line("K1", "CEMENT_CLINKER", "2500", 2_000));
        assertThat(half.unrounded()).isEqualByComparingTo("2133.5");
        assertThat(half.allowanceT()).isEqualTo(2_134L);
        // 1,234,567 t clinker × 0.8534 = 1,053,579.4778 t ⇒ 1,053,579 t
        assertThat(engine.unitAllowance(2025, line("K2", "CEMENT_CLINKER", "1234567", 0)).allowanceT())
                .isEqualTo(1_053_579L);
        // 412,345.6 t aluminium liquid × 9.264 = 3,819,969.6384 t ⇒ 3,819,970 t
        assertThat(engine.unitAllowance(2025, line("A1", "ALUMINIUM_ELECTROLYSIS", "412345.6", 0)).allowanceT())
                .isEqualTo(3_819_970L);
    }

    @Test
    void theBalanceCoefficientMultipliesAndAConfirmedVersionUsesNothingProvisional() {
        ObjectNode json = ShippedRulebooks.tree(FILE);
        ObjectNode benchmark = ShippedRulebooks.at(json, "/categories/STEEL_BF_BOF/value/intensityBenchmark");
        benchmark.remove("provisional");
        benchmark.put("confirmed", true);
        ObjectNode coefficient = ShippedRulebooks.at(json, "/categories/STEEL_BF_BOF/value/balanceCoefficient");
        coefficient.remove("provisional");
        coefficient.put("value", new BigDecimal("0.95")).put("confirmed", true);
        Rulebook official = RulebookLoader.parse(json.toString(), "a confirmed version");
        // 2,000,000 × 1.8 × 0.95 = 3,420,000 t
        UnitAllowance u = new AllocationEngine(official)
                .unitAllowance(2025, line("BF1", "STEEL_BF_BOF", "2000000", 3_500_000));
        assertThat(u.allowanceT()).isEqualTo(3_420_000L);
        assertThat(u.provisional()).isEmpty();
    }

    @Test
    void aLineWithoutAPositiveProductOutputIsRefusedByName() {
        AllocationEngine engine = new AllocationEngine(Y2025);
        assertThatThrownBy(() -> engine.unitAllowance(2025, line("BF1", "STEEL_BF_BOF", null, 1)))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("productOutputT: missing")
                .hasMessageContaining("粗钢产量");
        assertThatThrownBy(() -> engine.unitAllowance(2025, line("BF1", "STEEL_BF_BOF", "0", 1)))
                .isInstanceOf(UnitDataException.class).hasMessage("unit BF1, productOutputT: must be > 0, was 0");
    }
}
