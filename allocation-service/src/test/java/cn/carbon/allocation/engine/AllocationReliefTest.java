package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.condensing;
import static cn.carbon.allocation.engine.Units.gas;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gas-unit treatment and the 80 % floor (RULES.md §4.7, §13.4, §16). Mixed entity: a coal unit of 608,421 MWh
 * (× 0.8218 = 500,000.38 → 500,000 t, emissions 800,000 t) and the E3 gas unit (278,600 t, emissions 300,000 t):
 * E = 1,100,000, floor = 880,000.
 */
class AllocationReliefTest {

    private final List<UnitYearData> mixed = List.of(
            condensing("COAL", 2021, COAL_A, "608421", "0.9", 800_000),
            gas("GAS", 2021, "500000", "2000000", "0.25", 300_000));

    private EntityYearAllocation verify(Rulebook rb, List<UnitYearData> units) {
        return new AllocationEngine(rb).verify("E", EntityStatus.OPERATING, 2021, units, 0);
    }

    @Test
    void defaultRaisesGasUnitsBeforeTheEntityFloor() {
        EntityYearAllocation y = verify(ShippedRulebooks.power2021To2022(), mixed);
        assertThat(y.verifiedAllocationT()).isEqualTo(778_600L);
        assertThat(y.verifiedEmissionsT()).isEqualTo(1_100_000L);
        assertThat(y.relief().gasUnits()).singleElement().satisfies(g -> {
            assertThat(g.unitId()).isEqualTo("GAS");
            assertThat(g.reliefT()).isEqualTo(21_400L);
        });
        assertThat(y.gasReliefT()).isEqualTo(21_400L);
        assertThat(y.relief().allocationBeforeFloorT()).isEqualTo(800_000L);
        assertThat(y.relief().floorT()).isEqualTo(880_000L);
        assertThat(y.floorReliefT()).isEqualTo(80_000L);
        assertThat(y.issuedT()).isEqualTo(880_000L); // floor first, then gas, would give 901,400
        assertThat(y.obligationT()).isEqualTo(1_100_000L);
        assertThat(y.gapT()).isEqualTo(220_000L);
    }

    @Test
    void noGasTreatmentLeavesItAllToTheFloor() {
        EntityYearAllocation y = verify(ShippedRulebooks.withSetting("gasUnitRelief", "NONE"), mixed);
        assertThat(y.gasReliefT()).isZero();
        assertThat(y.floorReliefT()).isEqualTo(101_400L);
        assertThat(y.issuedT()).isEqualTo(880_000L);
        assertThat(y.obligationT()).isEqualTo(1_100_000L);
    }

    @Test
    void cappedGasObligationReducesTheObligationAndTheFloorNeverCreatesASurplus() {
        Rulebook capped = ShippedRulebooks.withSetting("gasUnitRelief", "CAP_OBLIGATION_AT_ALLOCATION");
        EntityYearAllocation y = verify(capped, mixed);
        assertThat(y.relief().gasObligationReductionT()).isEqualTo(21_400L);
        assertThat(y.obligationT()).isEqualTo(1_078_600L);
        assertThat(y.floorReliefT()).isEqualTo(101_400L);
        assertThat(y.issuedT()).isEqualTo(880_000L);

        // a gas-only entity far below its emissions: floor 240,000 would exceed the capped obligation 200,000
        // (510,204 MWh × 0.392 = 199,999.97 → 200,000)
        EntityYearAllocation g = verify(capped, List.of(gas("G", 2021, "510204", "0", "0", 300_000)));
        assertThat(g.obligationT()).isEqualTo(200_000L);
        assertThat(g.issuedT()).isEqualTo(200_000L);
        assertThat(g.floorReliefT()).isZero();
    }

    @Test
    void floorOnlyBelowEightyPercent() {
        // 973,473 MWh × 0.8218 = 800,000.11 → 800,000 = exactly 80 % of 1,000,000: no relief
        EntityYearAllocation at = verify(ShippedRulebooks.power2021To2022(),
                List.of(condensing("U", 2021, COAL_A, "973473", "0.9", 1_000_000)));
        assertThat(at.verifiedAllocationT()).isEqualTo(800_000L);
        assertThat(at.floorReliefT()).isZero();
        // one tonne below: relief 1
        EntityYearAllocation below = verify(ShippedRulebooks.power2021To2022(),
                List.of(condensing("U", 2021, COAL_A, "973472", "0.9", 1_000_000)));
        assertThat(below.verifiedAllocationT()).isEqualTo(799_999L);
        assertThat(below.floorReliefT()).isEqualTo(1L);
        assertThat(below.issuedT()).isEqualTo(800_000L);
    }

    @Test
    void floorShareComesFromTheRulebook() {
        Rulebook ninety = ShippedRulebooks.variant(j -> ShippedRulebooks.at(j, "/allocationFloor/shareOfVerifiedEmissions")
                .put("value", new java.math.BigDecimal("0.90")));
        EntityYearAllocation y = verify(ninety, List.of(condensing("U", 2021, COAL_A, "790947", "0.9", 1_000_000)));
        assertThat(y.issuedT()).isEqualTo(900_000L);
    }
}
