package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Cooling;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.COAL_B;
import static cn.carbon.allocation.engine.Units.coal;
import static cn.carbon.allocation.engine.Units.condensing;
import static cn.carbon.allocation.engine.Units.gas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** RULES.md §12, examples E1–E6, from the shipped rulebook, to the tonne. */
class WorkedExamplesTest {

    private final Rulebook rulebook = ShippedRulebooks.power2021To2022();
    private final AllocationEngine engine = new AllocationEngine(rulebook);

    @Test
    @DisplayName("E1: large coal unit, pure condensing, water-cooled, load 72 %: 2,524,835 t (2021), 2,512,239 t (2022)")
    void e1() {
        UnitAllowance y2021 = engine.unitAllowance(2021, condensing("E1", 2021, COAL_A, "3000000", "0.72", 0));
        assertThat(y2021.load().applied()).isTrue();
        assertThat(y2021.load().value()).isCloseTo(new BigDecimal("1.02411"), within(new BigDecimal("0.000005")));
        assertThat(y2021.cooling().value()).isEqualByComparingTo("1.00");
        assertThat(y2021.heatSupply().value()).isEqualByComparingTo("1");
        assertThat(y2021.supplyBenchmark()).isEqualByComparingTo("0.8218");
        assertThat(y2021.allowanceT()).isEqualTo(2_524_835L);

        UnitAllowance y2022 = engine.unitAllowance(2022, condensing("E1", 2022, COAL_A, "3000000", "0.72", 0));
        assertThat(y2022.supplyBenchmark()).isEqualByComparingTo("0.8177");
        assertThat(y2022.allowanceT()).isEqualTo(2_512_239L);

        // "without Ff: 2,465,400": the same unit at a load factor where the curve gives 1
        UnitAllowance noFf = engine.unitAllowance(2021, condensing("E1", 2021, COAL_A, "3000000", "0.85", 0));
        assertThat(noFf.load().value()).isEqualByComparingTo("1");
        assertThat(noFf.allowanceT()).isEqualTo(2_465_400L);
        assertThat(y2021.rulebook()).isEqualTo(rulebook.ref());
    }

    @Test
    @DisplayName("E2: small coal CHP unit, air-cooled: 1,421,891 t with Ff (default scope), 1,415,868 t without")
    void e2() {
        UnitYearData data = coal("E2", 2021, COAL_B, Cooling.AIR, "1000000", "5000000", "0.30", "0.80", 0);
        UnitAllowance a = engine.unitAllowance(2021, data);
        assertThat(a.heatSupply().value()).isEqualByComparingTo("0.934");
        assertThat(a.cooling().value()).isEqualByComparingTo("1.05");
        assertThat(a.load().value()).isEqualByComparingTo("1.007");
        assertThat(a.supplyPart()).isEqualByComparingTo("866390.68677");   // RULES.md: Ae = 866,391
        assertThat(a.heatPart()).isEqualByComparingTo("555500");            // RULES.md: Ah = 555,500
        assertThat(a.allowanceT()).isEqualTo(1_421_891L);

        Rulebook pureCondensingScope =
                ShippedRulebooks.withSetting("loadFactorCorrectionScope", "CONVENTIONAL_COAL_PURE_CONDENSING_ONLY");
        UnitAllowance withoutFf = new AllocationEngine(pureCondensingScope).unitAllowance(2021, data);
        assertThat(withoutFf.load().applied()).isFalse();
        assertThat(withoutFf.allowanceT()).isEqualTo(1_415_868L);
    }

    @Test
    @DisplayName("E3: gas CHP unit: 核定 278,600 t; default raises issue to 300,000 (CCER cap 15,000); 2019-20 reading caps the obligation (13,930)")
    void e3() {
        UnitYearData data = gas("E3", 2021, "500000", "2000000", "0.25", 300_000);
        EntityYearAllocation raised = engine.verify("E3", EntityStatus.OPERATING, 2021, List.of(data), 0);
        UnitAllowance unit = raised.units().get(0);
        assertThat(unit.heatSupply().value()).isEqualByComparingTo("0.85");
        assertThat(unit.cooling().applied()).isFalse();
        assertThat(unit.load().applied()).isFalse();
        assertThat(unit.supplyPart()).isEqualByComparingTo("166600");
        assertThat(unit.heatPart()).isEqualByComparingTo("112000");
        assertThat(raised.verifiedAllocationT()).isEqualTo(278_600L);
        assertThat(raised.gasReliefT()).isEqualTo(21_400L);
        assertThat(raised.floorReliefT()).isZero();
        assertThat(raised.issuedT()).isEqualTo(300_000L);
        assertThat(raised.obligationT()).isEqualTo(300_000L);
        assertThat(raised.gapT()).isZero();
        assertThat(raised.ccerCapT()).isEqualTo(15_000L);

        Rulebook capped = ShippedRulebooks.withSetting("gasUnitRelief", "CAP_OBLIGATION_AT_ALLOCATION");
        EntityYearAllocation c = new AllocationEngine(capped).verify("E3", EntityStatus.OPERATING, 2021,
                List.of(data), 0);
        assertThat(c.issuedT()).isEqualTo(278_600L);
        assertThat(c.obligationT()).isEqualTo(278_600L);
        assertThat(c.relief().gasObligationReductionT()).isEqualTo(21_400L);
        assertThat(c.gapT()).isZero();
        assertThat(c.ccerCapT()).isEqualTo(13_930L);
    }

    @Test
    @DisplayName("E4: pre-allocation 2022 = 1,619,039 t on 2021 data; 核定 2,541,968 t; true-up issued +922,929 t")
    void e4() {
        UnitYearData base2021 = condensing("E4", 2021, COAL_A, "2800000", "0.78", 2_500_000);
        EntityPreAllocation pre = engine.preAllocate("E4", EntityStatus.OPERATING, List.of(base2021));
        UnitPreAllocation unitPre2022 = pre.year(2022).units().get(0);
        assertThat(unitPre2022.baseAllowance().load().value()).isEqualByComparingTo("1.0102");
        assertThat(unitPre2022.baseAllowance().supplyBenchmark()).isEqualByComparingTo("0.8177");
        assertThat(unitPre2022.share()).isEqualByComparingTo("0.70");
        assertThat(pre.year(2022).computedT()).isEqualTo(1_619_039L);
        assertThat(pre.year(2022).issuedT()).isEqualTo(1_619_039L);
        // the same 2021 data with the 2021 benchmark: 0.7 × 2,800,000 × 0.8218 × 1.0102 = 1,627,157.4256
        assertThat(pre.year(2021).computedT()).isEqualTo(1_627_157L);

        UnitYearData verified2022 = condensing("E4", 2022, COAL_A, "3100000", "0.83", 2_600_000);
        EntityYearAllocation y2022 = engine.verify("E4", EntityStatus.OPERATING, 2022, List.of(verified2022), pre);
        assertThat(y2022.units().get(0).load().value()).isEqualByComparingTo("1.0028");
        assertThat(y2022.verifiedAllocationT()).isEqualTo(2_541_968L);
        assertThat(y2022.issuedT()).isEqualTo(2_541_968L);
        // RULES.md prints +922,928, the difference of the unrounded figures (2,541,967.636 − 1,619,039.458);
        // with both figures rounded once at unit level (§16) the entity receives 2,541,968 in all:
        assertThat(y2022.trueUpT()).isEqualTo(922_929L);
        assertThat(pre.year(2022).issuedT() + y2022.trueUpT()).isEqualTo(y2022.issuedT());
        assertThat(y2022.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.ISSUE);
            assertThat(i.account()).isEqualTo(Destination.ENTITY_ACCOUNT);
            assertThat(i.quantityT()).isEqualTo(922_929L);
            assertThat(i.vintage()).isEqualTo("2022");
        });

        // "had 核定 come out below the pre-allocation (2022 output ~30 % below 2021), the excess is clawed back":
        // 1,960,000 × 0.8177 × 1.0028 = 1,607,179.5376 → 1,607,180; 1,619,039 − 1,607,180 = 11,859
        UnitYearData lower2022 = condensing("E4", 2022, COAL_A, "1960000", "0.83", 1_650_000);
        EntityYearAllocation low = engine.verify("E4", EntityStatus.OPERATING, 2022, List.of(lower2022), pre);
        assertThat(low.issuedT()).isEqualTo(1_607_180L);
        assertThat(low.trueUpT()).isEqualTo(-11_859L);
        assertThat(low.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.CLAW_BACK);
            assertThat(i.account()).isEqualTo(Destination.ENTITY_ACCOUNT);
            assertThat(i.quantityT()).isEqualTo(11_859L);
        });
    }

    @Test
    @DisplayName("E5: 15 % gap: no floor, borrow ≤ 75,000 (2023), CCER ≤ 50,000, buy 25,000")
    void e5() {
        // 1,034,315 MWh × 0.8218 = 850,000.067 → 核定 850,000
        UnitYearData data = condensing("E5", 2021, COAL_A, "1034315", "0.90", 1_000_000);
        EntityYearAllocation y = engine.verify("E5", EntityStatus.OPERATING, 2021, List.of(data), 0);
        assertThat(y.verifiedAllocationT()).isEqualTo(850_000L);
        assertThat(y.relief().floorT()).isEqualTo(800_000L);
        assertThat(y.floorReliefT()).isZero();
        assertThat(y.issuedT()).isEqualTo(850_000L);
        assertThat(y.obligationT()).isEqualTo(1_000_000L);
        assertThat(y.gapT()).isEqualTo(150_000L);
        assertThat(y.borrowing().gapRate()).isEqualByComparingTo("0.15");
        assertThat(y.borrowing().eligible()).isTrue();
        assertThat(y.borrowing().ceilingT()).isEqualTo(75_000L);
        assertThat(y.borrowing().sourceVintage()).isEqualTo("2023");
        assertThat(y.ccerCapT()).isEqualTo(50_000L);
        assertThat(y.residualGapAfterMaxBorrowingAndCcerT()).isEqualTo(25_000L);
        assertThat(y.issuedT() + y.borrowing().ceilingT() + y.ccerCapT() + y.residualGapAfterMaxBorrowingAndCcerT())
                .isEqualTo(y.obligationT());
    }

    @Test
    @DisplayName("E6: 35 % raw gap: floor lifts 650,000 to 800,000 (+150,000); gap 200,000; borrow ≤ 100,000; CCER ≤ 50,000; buy 50,000")
    void e6() {
        // 790,947 MWh × 0.8218 = 650,000.2446 → 核定 650,000
        UnitYearData data = condensing("E6", 2021, COAL_A, "790947", "0.90", 1_000_000);
        EntityYearAllocation y = engine.verify("E6", EntityStatus.OPERATING, 2021, List.of(data), 0);
        assertThat(y.verifiedAllocationT()).isEqualTo(650_000L);
        assertThat(y.floorReliefT()).isEqualTo(150_000L);
        assertThat(y.reliefT()).isEqualTo(150_000L);
        assertThat(y.issuedT()).isEqualTo(800_000L);
        assertThat(y.gapT()).isEqualTo(200_000L);
        assertThat(y.borrowing().gapRate()).isEqualByComparingTo("0.2");
        assertThat(y.borrowing().ceilingT()).isEqualTo(100_000L);
        assertThat(y.ccerCapT()).isEqualTo(50_000L);
        assertThat(y.residualGapAfterMaxBorrowingAndCcerT()).isEqualTo(50_000L);
        assertThat(y.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.ISSUE);
            assertThat(i.quantityT()).isEqualTo(800_000L);
        });
    }
}
