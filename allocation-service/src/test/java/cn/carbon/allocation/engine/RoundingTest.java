package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Cooling;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.COAL_C;
import static cn.carbon.allocation.engine.Units.coal;
import static cn.carbon.allocation.engine.Units.condensing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rounding (RULES.md §16): unit allowance and unit pre-allocation at full precision, rounded half-up once at unit
 * level; entity figures are sums of unit figures; the floor half-up; caps down. All modes come from the rulebook.
 */
class RoundingTest {

    private final Rulebook rb = ShippedRulebooks.power2021To2022();
    private final AllocationEngine engine = new AllocationEngine(rb);

    @Test
    void unitAllowanceRoundsHalfUp() {
        // 300 MWh × 0.9350 = 280.5 → 281 (half-even or down would give 280)
        UnitAllowance a = engine.unitAllowance(2021, condensing("U", 2021, COAL_C, "300", "0.9", 0));
        assertThat(a.unrounded()).isEqualByComparingTo("280.5");
        assertThat(a.allowanceT()).isEqualTo(281L);
    }

    @Test
    void unitAllowanceIsRoundedOnceNotPerPart() {
        // supply 1000 × 0.9350 × (1 − 0.22 × 0.5) = 832.15; heat 2002 × 0.1111 = 222.4222; total 1054.5722 → 1055
        // (rounding each part first would give 832 + 222 = 1054)
        UnitAllowance a = engine.unitAllowance(2021,
                coal("U", 2021, COAL_C, Cooling.WATER, "1000", "2002", "0.5", "0.9", 0));
        assertThat(a.supplyPart()).isEqualByComparingTo("832.15");
        assertThat(a.heatPart()).isEqualByComparingTo("222.4222");
        assertThat(a.allowanceT()).isEqualTo(1055L);
    }

    @Test
    void preAllocationIsRoundedOnceFromTheUnroundedAllowance() {
        // allowance 100 × 0.9350 = 93.5 (→ 94); pre-allocation 0.7 × 93.5 = 65.45 → 65 (0.7 × 94 = 65.8 would give 66)
        UnitPreAllocation p = engine.unitPreAllocation(2021, condensing("U", 2021, COAL_C, "100", "0.9", 0));
        assertThat(p.baseAllowance().allowanceT()).isEqualTo(94L);
        assertThat(p.unrounded()).isEqualByComparingTo("65.45");
        assertThat(p.preAllocatedT()).isEqualTo(65L);
    }

    @Test
    void entityFiguresAreSumsOfRoundedUnitFigures() {
        // each unit: 40 × 0.9350 = 37.4 → 37; entity 74 (rounding the entity's 74.8 would give 75)
        List<UnitYearData> units = List.of(condensing("U1", 2021, COAL_C, "40", "0.9", 30),
                condensing("U2", 2021, COAL_C, "40", "0.9", 30));
        EntityYearAllocation y = engine.verify("E", EntityStatus.OPERATING, 2021, units, 0);
        assertThat(y.units()).extracting(UnitAllowance::allowanceT).containsExactly(37L, 37L);
        assertThat(y.verifiedAllocationT()).isEqualTo(74L);
        assertThat(y.verifiedEmissionsT()).isEqualTo(60L);

        // pre-allocation: each unit 0.7 × 93.5 = 65.45 → 65; entity 130 (not round(130.9) = 131)
        EntityPreAllocation pre = engine.preAllocate("E", EntityStatus.OPERATING, List.of(
                condensing("U1", 2021, COAL_C, "100", "0.9", 0), condensing("U2", 2021, COAL_C, "100", "0.9", 0)));
        assertThat(pre.year(2021).computedT()).isEqualTo(130L);
    }

    @Test
    void floorRoundsHalfUp() {
        assertThat(AllocationRelief.floor(rb, 1_000_002)).isEqualTo(800_002L); // 800,001.6
        assertThat(AllocationRelief.floor(rb, 1_000_003)).isEqualTo(800_002L); // 800,002.4
    }

    @Test
    void borrowingCeilingRoundsDown() {
        // 核定 850,000; E 1,000,001; gap 150,001; 0.5 × 150,001 = 75,000.5 → 75,000
        EntityYearAllocation y = engine.verify("E", EntityStatus.OPERATING, 2021,
                List.of(condensing("U", 2021, COAL_A, "1034315", "0.9", 1_000_001)), 0);
        assertThat(y.gapT()).isEqualTo(150_001L);
        assertThat(y.borrowing().ceilingT()).isEqualTo(75_000L);
    }

    @Test
    void ccerCapRoundsDown() {
        assertThat(engine.ccerCapT(278_619)).isEqualTo(13_930L); // 13,930.95
        EntityYearAllocation y = engine.verify("E", EntityStatus.OPERATING, 2021,
                List.of(condensing("U", 2021, COAL_A, "400000", "0.9", 278_619)), 0);
        assertThat(y.obligationT()).isEqualTo(278_619L);
        assertThat(y.ccerCapT()).isEqualTo(13_930L);
    }

    @Test
    void roundingModesComeFromTheRulebook() {
        Rulebook down = ShippedRulebooks.variant(j -> ShippedRulebooks.at(j, "/rounding/unitAllowance").put("value", "DOWN"));
        assertThat(new AllocationEngine(down).unitAllowance(2021, condensing("U", 2021, COAL_C, "300", "0.9", 0))
                .allowanceT()).isEqualTo(280L);
        Rulebook ceilingUp = ShippedRulebooks.variant(j -> ShippedRulebooks.at(j, "/rounding/ccerCap").put("value", "UP"));
        assertThat(new AllocationEngine(ceilingUp).ccerCapT(278_619)).isEqualTo(13_931L);
    }
}
