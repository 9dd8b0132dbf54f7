package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Cooling;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.RulebookLoader;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.COAL_B;
import static cn.carbon.allocation.engine.Units.GAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worked examples of docs/RULES-2023-2025.md §9 on the shipped 2023 and 2024 power rulebooks: gross generation,
 * no heat-supply factor, the 80 % floor, gas units, no borrowing, and the provisional benchmarks each figure names.
 */
class NextCyclesWorkedExamplesTest {

    private static final Rulebook Y2023 = RulebookLoader.fromClasspath(ShippedRulebooks.FOLDER + "CN-ETS-2023-power.json");
    private static final Rulebook Y2024 = RulebookLoader.fromClasspath(ShippedRulebooks.FOLDER + "CN-ETS-2024.json");

    /** A water-cooled unit with gross generation and net supply (own use 6 %), heat optional. */
    private static UnitYearData unit(String id, int year, String category, String generationMwh, String supplyMwh,
                                     String heatGj, String heatRatio, long emissionsT) {
        return new UnitYearData(id, year, category, Cooling.WATER, null, new BigDecimal(supplyMwh),
                new BigDecimal(heatGj), new BigDecimal(heatRatio), new BigDecimal("0.90"), emissionsT,
                new BigDecimal(generationMwh));
    }

    @Test
    void f1_aSmallCoalUnitIn2024OnGrossGeneration() {
        EntityYearAllocation a = new AllocationEngine(Y2024).verify("F1", EntityStatus.OPERATING, 2024,
                List.of(unit("F1", 2024, COAL_B, "1000000", "940000", "0", "0", 850_000)), 0);
        UnitAllowance u = a.units().get(0);
        assertThat(u.electricityMwh()).isEqualByComparingTo("1000000");
        assertThat(u.supplyBenchmark()).isEqualByComparingTo("0.8049");
        assertThat(u.allowanceT()).isEqualTo(804_900L);
        assertThat(a.gapT()).isEqualTo(45_100L);
        assertThat(a.ccerCapT()).isEqualTo(42_500L);
        assertThat(a.gapT() - a.ccerCapT()).as("to buy at least").isEqualTo(2_600L);
        assertThat(a.provisionalValues()).containsExactly("benchmarks.2024.COAL_300MW_AND_BELOW.generation",
                "benchmarks.2024.COAL_300MW_AND_BELOW.heat");
    }

    @Test
    void f2_theBasisChangeOnTheSamePlant() {
        UnitYearData plant2022 = new UnitYearData("F2", 2022, COAL_B, Cooling.WATER, null, new BigDecimal("940000"),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.90"), 0, new BigDecimal("1000000"));
        UnitAllowance on2022Rules = new AllocationEngine(ShippedRulebooks.power2021To2022())
                .unitAllowance(2022, plant2022);
        assertThat(on2022Rules.electricityMwh()).isEqualByComparingTo("940000");
        assertThat(on2022Rules.allowanceT()).isEqualTo(820_526L);
        UnitAllowance on2024Rules = new AllocationEngine(Y2024)
                .unitAllowance(2024, unit("F2", 2024, COAL_B, "1000000", "940000", "0", "0", 0));
        assertThat(on2024Rules.allowanceT()).isEqualTo(804_900L);
    }

    @Test
    void f3_theFloorRaisesTo80PercentAndNothingMayBeBorrowed() {
        // 876,754 MWh × 0.7984 = 700,000.4 t: the example's 核定 of 700,000 t
        EntityYearAllocation a = new AllocationEngine(Y2023).verify("F3", EntityStatus.OPERATING, 2023,
                List.of(unit("F3", 2023, COAL_B, "876754", "830000", "0", "0", 1_000_000)), 0);
        assertThat(a.verifiedAllocationT()).isEqualTo(700_000L);
        assertThat(a.floorReliefT()).isEqualTo(100_000L);
        assertThat(a.issuedT()).isEqualTo(800_000L);
        assertThat(a.gapT()).isEqualTo(200_000L);
        assertThat(a.ccerCapT()).isEqualTo(50_000L);
        assertThat(a.borrowing().eligible()).isFalse();
        assertThat(a.borrowing().ceilingT()).isZero();
        assertThat(a.borrowing().reasons()).containsExactly(
                "borrowing is not available under rulebook CN-ETS-2023-power@v1 (it has no borrowing section)");
        assertThat(a.residualGapAfterMaxBorrowingAndCcerT()).as("to buy at least").isEqualTo(150_000L);
    }

    @Test
    void theBridgeDeductsWhatTheLastCycleLeftOwedUpToTheAllocation() {
        AllocationEngine engine = new AllocationEngine(Y2023);
        UnitYearData f3 = unit("B", 2023, COAL_B, "876754", "830000", "0", "0", 1_000_000);
        PreAllocationPosition none = new PreAllocationPosition(0, java.util.Map.of());
        // F3's entity with 50,000 t of borrowing to repay and a 10,000 t shortfall left uncured
        EntityYearAllocation a = engine.verify("B", EntityStatus.OPERATING, 2023, List.of(f3), none, 60_000);
        assertThat(a.issuedT()).isEqualTo(800_000L);
        assertThat(a.deductedT()).isEqualTo(60_000L);
        assertThat(a.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.ISSUE);
            assertThat(i.quantityT()).isEqualTo(740_000L);
        });
        assertThat(a.gapT()).isEqualTo(260_000L);
        // more owed than allocated: nothing is issued and the rest stays owed
        EntityYearAllocation b = engine.verify("B", EntityStatus.OPERATING, 2023, List.of(f3), none, 900_000);
        assertThat(b.deductedT()).isEqualTo(800_000L);
        assertThat(b.owedFromEarlierCyclesT() - b.deductedT()).isEqualTo(100_000L);
        assertThat(b.instructions()).isEmpty();
    }

    @Test
    void f6_steelIn2024IsAllocatedItsVerifiedEmissions() {
        UnitYearData line = new UnitYearData("BF1", 2024, "STEEL_BF_BOF", null, null, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, 3_200_000, null);
        EntityYearAllocation a = new AllocationEngine(Y2024).verify("F6", EntityStatus.OPERATING, 2024, List.of(line), 0);
        assertThat(a.units().get(0).allowanceT()).isEqualTo(3_200_000L);
        assertThat(a.units().get(0).heatSupply().basis())
                .isEqualTo("allocation = verified emissions (VERIFIED_EMISSIONS, STEEL)");
        assertThat(a.issuedT()).isEqualTo(3_200_000L);
        assertThat(a.obligationT()).isEqualTo(3_200_000L);
        assertThat(a.gapT()).isZero();
        assertThat(a.floorReliefT()).isZero();
        assertThat(a.provisionalValues()).as("no provisional benchmark behind it").isEmpty();
        // a power category still needs its benchmark data; a line needs none of it
        assertThatThrownBy(() -> new AllocationEngine(Y2024).unitAllowance(2024, new UnitYearData("U", 2024, COAL_A,
                null, null, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, null, 0, BigDecimal.ONE)))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("cooling");
    }

    @Test
    void noHeatSupplyFactorFrom2023() {
        UnitAllowance chp = new AllocationEngine(Y2023)
                .unitAllowance(2023, unit("CHP", 2023, COAL_A, "1000000", "930000", "1000000", "0.30", 0));
        assertThat(chp.heatSupply().applied()).isFalse();
        assertThat(chp.heatSupply().value()).isEqualByComparingTo("1");
        assertThat(chp.heatSupply().basis()).isEqualTo("no heatSupply factor in rulebook CN-ETS-2023-power@v1");
        // 1,000,000 MWh × 0.7861 + 1,000,000 GJ × 0.1105: no 1 − 0.22 × 0.30 on the electricity part
        assertThat(chp.supplyPart()).isEqualByComparingTo("786100");
        assertThat(chp.heatPart()).isEqualByComparingTo("110500");
        assertThat(chp.allowanceT()).isEqualTo(896_600L);
    }

    @Test
    void aGasUnitIsToppedUpToItsEmissions() {
        EntityYearAllocation a = new AllocationEngine(Y2023).verify("G", EntityStatus.OPERATING, 2023,
                List.of(unit("G1", 2023, GAS, "500000", "490000", "0", "0", 200_000)), 0);
        assertThat(a.verifiedAllocationT()).isEqualTo(165_250L); // 500,000 × 0.3305
        assertThat(a.gasReliefT()).isEqualTo(34_750L);
        assertThat(a.issuedT()).isEqualTo(200_000L);
        assertThat(a.gapT()).isZero();
    }

    @Test
    void grossGenerationIsRequiredFrom2023AndNeverBelowNetSupply() {
        AllocationEngine engine = new AllocationEngine(Y2023);
        UnitYearData without = new UnitYearData("U1", 2023, COAL_A, Cooling.WATER, null, new BigDecimal("900000"),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.9"), 0);
        assertThatThrownBy(() -> engine.unitAllowance(2023, without)).isInstanceOf(UnitDataException.class)
                .hasMessageContaining("powerGenerationMwh").hasMessageContaining("missing");
        assertThatThrownBy(() -> engine.unitAllowance(2023, unit("U1", 2023, COAL_A, "800000", "900000", "0", "0", 0)))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("must be >= net supply 900000");
    }
}
