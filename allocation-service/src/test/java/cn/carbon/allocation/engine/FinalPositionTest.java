package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.condensing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The final position of an entity-year per destination (notice §一) and the verification stage as final position −
 * what the pre-allocation stage instructed: the net per destination does not depend on the order of status change
 * and runs. Figures: issued 821,800 t, pre-allocation 575,260 t.
 */
class FinalPositionTest {

    static final long ISSUED = 821_800L;
    static final long PRE = 575_260L;

    private final Rulebook rb = ShippedRulebooks.power2021To2022();

    @Test
    void operatingHasEverythingInItsOwnAccount() {
        assertThat(DifferentiatedIssuance.finalPosition(EntityStatus.OPERATING, ISSUED, PRE, true))
                .isEqualTo(new FinalPosition(ISSUED, 0));
    }

    @Test
    void facilitiesClosedHasEverythingInCustody() {
        assertThat(DifferentiatedIssuance.finalPosition(EntityStatus.FACILITIES_CLOSED, ISSUED, PRE, true))
                .isEqualTo(new FinalPosition(0, ISSUED));
    }

    @Test
    void complianceRiskKeepsThePreAllocationWhenTheRulebookSaysSo() {
        assertThat(DifferentiatedIssuance.finalPosition(EntityStatus.COMPLIANCE_RISK, ISSUED, PRE, true))
                .isEqualTo(new FinalPosition(PRE, ISSUED - PRE));
        // 核定 below the pre-allocation: only the verified allocation stays, nothing in custody
        assertThat(DifferentiatedIssuance.finalPosition(EntityStatus.COMPLIANCE_RISK, 410_900, PRE, true))
                .isEqualTo(new FinalPosition(410_900, 0));
        // no pre-allocation computed: everything in custody
        assertThat(DifferentiatedIssuance.finalPosition(EntityStatus.COMPLIANCE_RISK, ISSUED, 0, true))
                .isEqualTo(new FinalPosition(0, ISSUED));
    }

    @Test
    void complianceRiskIsLikeFacilitiesClosedWhenTheRulebookSaysSo() {
        assertThat(DifferentiatedIssuance.finalPosition(EntityStatus.COMPLIANCE_RISK, ISSUED, PRE, false))
                .isEqualTo(new FinalPosition(0, ISSUED));
    }

    @Test
    void dissolvedHasNothingAnywhere() {
        assertThat(DifferentiatedIssuance.finalPosition(EntityStatus.DISSOLVED, ISSUED, PRE, true))
                .isEqualTo(FinalPosition.NOTHING);
    }

    @Test
    void negativeFiguresAreRefused() {
        assertThatThrownBy(() -> DifferentiatedIssuance.finalPosition(EntityStatus.OPERATING, -1, 0, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FinalPosition(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRulebookSettingIsReadFromTheShippedFile() {
        assertThat(rb.differentiatedIssuance().complianceRiskKeepsPreAllocation().value()).isTrue();
        assertThat(rb.differentiatedIssuance().complianceRiskKeepsPreAllocation().confirmed()).isTrue();
        assertThat(rb.differentiatedIssuance().complianceRiskKeepsPreAllocation().source()).contains("notice §一");
    }

    @Test
    void facilitiesClosedAfterAPreAllocationClawsItBackAndIssuesEverythingToCustody() {
        List<IssuanceInstruction> is = stage(EntityStatus.FACILITIES_CLOSED, Map.of(Destination.ENTITY_ACCOUNT, PRE));
        assertThat(is).extracting(IssuanceInstruction::kind, IssuanceInstruction::account,
                IssuanceInstruction::quantityT).containsExactly(
                org.assertj.core.groups.Tuple.tuple(InstructionKind.CLAW_BACK, Destination.ENTITY_ACCOUNT, PRE),
                org.assertj.core.groups.Tuple.tuple(InstructionKind.ISSUE, Destination.PROVINCIAL_CUSTODY, ISSUED));
        assertThat(is.get(0).rule()).contains("notice §一");
    }

    /**
     * Whatever the pre-allocation stage instructed (nothing; the pre-allocation to the entity's account; a
     * pre-allocation re-run that clawed it back), pre-allocation stage + verification stage = the final position.
     */
    @ParameterizedTest
    @EnumSource(EntityStatus.class)
    void preAllocationPlusVerificationStageIsTheFinalPositionWhateverWasInstructedBefore(EntityStatus status) {
        FinalPosition target = DifferentiatedIssuance.finalPosition(status, ISSUED, PRE, true);
        for (Map<Destination, Long> before : List.of(Map.<Destination, Long>of(),
                Map.of(Destination.ENTITY_ACCOUNT, PRE), Map.of(Destination.ENTITY_ACCOUNT, 0L))) {
            Map<Destination, Long> net = new EnumMap<>(Destination.class);
            net.putAll(before);
            for (IssuanceInstruction i : stage(status, before)) {
                assertThat(i.stage()).isEqualTo(IssuanceStage.VERIFICATION);
                net.merge(i.account(), i.signedQuantityT(), Long::sum);
            }
            for (Destination d : Destination.values()) {
                assertThat(net.getOrDefault(d, 0L)).as("%s, %s before, at %s", status, before, d)
                        .isEqualTo(target.at(d));
            }
        }
    }

    @Test
    void verificationThroughTheEngineUsesTheRulebookSetting() {
        AllocationEngine engine = new AllocationEngine(rb);
        List<UnitYearData> units = List.of(condensing("U1", 2021, COAL_A, "1000000", "0.90", 900_000));
        PreAllocationPosition pre = new PreAllocationPosition(PRE, Map.of(Destination.ENTITY_ACCOUNT, PRE));
        EntityYearAllocation y = engine.verify("E", EntityStatus.COMPLIANCE_RISK, 2021, units, pre);
        assertThat(y.instructions()).singleElement().satisfies(i -> {
            assertThat(i.account()).isEqualTo(Destination.PROVINCIAL_CUSTODY);
            assertThat(i.quantityT()).isEqualTo(ISSUED - PRE);
        });
        // the same entity-year verified with no unit data (no emissions declared): everything clawed back, obligation 0
        EntityYearAllocation none = engine.verify("E", EntityStatus.OPERATING, 2021, List.of(), pre);
        assertThat(none.issuedT()).isZero();
        assertThat(none.obligationT()).isZero();
        assertThat(none.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.CLAW_BACK);
            assertThat(i.quantityT()).isEqualTo(PRE);
        });
    }

    private List<IssuanceInstruction> stage(EntityStatus status, Map<Destination, Long> before) {
        return DifferentiatedIssuance.verificationStage(rb.ref(), "E", status, 2021, "2021",
                DifferentiatedIssuance.finalPosition(status, ISSUED, PRE, true), before);
    }
}
