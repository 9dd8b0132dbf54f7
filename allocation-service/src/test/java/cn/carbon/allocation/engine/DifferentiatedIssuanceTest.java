package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.Stream;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.condensing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differentiated issuance by entity status (notice §一, RULES.md §5.4). One coal unit: 1,000,000 MWh at load 90 %,
 * so A(2021) = 821,800 t, pre-allocation 2021 = 0.7 × 821,800 = 575,260 t; 2022 pre-allocation on the same 2021
 * data with the 2022 benchmark = 0.7 × 817,700 = 572,390 t.
 */
class DifferentiatedIssuanceTest {

    private static final String ENTITY = "91110000100000000X";

    private final Rulebook rb = ShippedRulebooks.power2021To2022();
    private final AllocationEngine engine = new AllocationEngine(rb);

    private final List<UnitYearData> base2021 = List.of(condensing("U1", 2021, COAL_A, "1000000", "0.90", 900_000));
    private final List<UnitYearData> verified2021 = base2021;

    @Test
    void operatingEntityGetsEverythingInItsOwnAccount() {
        EntityPreAllocation pre = engine.preAllocate(ENTITY, EntityStatus.OPERATING, base2021);
        assertThat(pre.year(2021).issuedT()).isEqualTo(575_260L);
        assertThat(pre.year(2022).issuedT()).isEqualTo(572_390L);
        assertThat(pre.instructions()).hasSize(2).allSatisfy(i -> {
            assertThat(i.stage()).isEqualTo(IssuanceStage.PRE_ALLOCATION);
            assertThat(i.kind()).isEqualTo(InstructionKind.ISSUE);
            assertThat(i.account()).isEqualTo(Destination.ENTITY_ACCOUNT);
        });
        assertThat(pre.instructions()).extracting(IssuanceInstruction::vintage).containsExactly("2021", "2022");

        EntityYearAllocation y = engine.verify(ENTITY, EntityStatus.OPERATING, 2021, verified2021, pre);
        assertThat(y.issuedT()).isEqualTo(821_800L);
        assertThat(y.trueUpT()).isEqualTo(246_540L);
        assertThat(y.destination()).isEqualTo(Destination.ENTITY_ACCOUNT);
        assertThat(y.obligationT()).isEqualTo(900_000L);
        assertThat(y.specialListed()).isFalse();
        assertThat(y.instructions()).singleElement().satisfies(i -> {
            assertThat(i.stage()).isEqualTo(IssuanceStage.VERIFICATION);
            assertThat(i.kind()).isEqualTo(InstructionKind.ISSUE);
            assertThat(i.account()).isEqualTo(Destination.ENTITY_ACCOUNT);
            assertThat(i.quantityT()).isEqualTo(246_540L);
            assertThat(i.rulebook()).isEqualTo(rb.ref());
        });
    }

    @Test
    void facilitiesClosedEntityGetsNoPreAllocationAndEverythingInCustodyAtVerification() {
        EntityPreAllocation pre = engine.preAllocate(ENTITY, EntityStatus.FACILITIES_CLOSED, base2021);
        assertThat(pre.year(2021).computedT()).isEqualTo(575_260L);
        assertThat(pre.year(2021).issuedT()).isZero();
        assertThat(pre.year(2021).withheldReason()).contains("notice §一");
        assertThat(pre.instructions()).isEmpty();

        EntityYearAllocation y = engine.verify(ENTITY, EntityStatus.FACILITIES_CLOSED, 2021, verified2021, pre);
        assertThat(y.preAllocatedIssuedT()).isZero();
        assertThat(y.issuedT()).isEqualTo(821_800L);
        assertThat(y.destination()).isEqualTo(Destination.PROVINCIAL_CUSTODY);
        assertThat(y.obligationT()).isEqualTo(900_000L);
        assertThat(y.obligationExempt()).isFalse();
        assertThat(y.specialListed()).isTrue();
        assertThat(y.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.ISSUE);
            assertThat(i.account()).isEqualTo(Destination.PROVINCIAL_CUSTODY);
            assertThat(i.quantityT()).isEqualTo(821_800L);
        });
    }

    @Test
    void complianceRiskEntityKeepsItsPreAllocationAndTheVerificationAmountGoesToCustody() {
        EntityPreAllocation pre = engine.preAllocate(ENTITY, EntityStatus.COMPLIANCE_RISK, base2021);
        assertThat(pre.instructions()).hasSize(2)
                .allSatisfy(i -> assertThat(i.account()).isEqualTo(Destination.ENTITY_ACCOUNT));

        EntityYearAllocation y = engine.verify(ENTITY, EntityStatus.COMPLIANCE_RISK, 2021, verified2021, pre);
        assertThat(y.destination()).isEqualTo(Destination.PROVINCIAL_CUSTODY);
        assertThat(y.specialListed()).isTrue();
        assertThat(y.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.ISSUE);
            assertThat(i.account()).isEqualTo(Destination.PROVINCIAL_CUSTODY);
            assertThat(i.quantityT()).isEqualTo(246_540L);
        });

        // 核定 below the pre-allocation: the excess comes back from the entity's account, where it was issued
        // (500,000 × 0.8218 = 410,900; floor 0.8 × 450,000 = 360,000; 575,260 − 410,900 = 164,360)
        EntityYearAllocation low = engine.verify(ENTITY, EntityStatus.COMPLIANCE_RISK, 2021,
                List.of(condensing("U1", 2021, COAL_A, "500000", "0.90", 450_000)), pre);
        assertThat(low.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.CLAW_BACK);
            assertThat(i.account()).isEqualTo(Destination.ENTITY_ACCOUNT);
            assertThat(i.quantityT()).isEqualTo(164_360L);
        });
    }

    @Test
    void dissolvedEntityGetsNothingAndHasNoObligation() {
        EntityPreAllocation pre = engine.preAllocate(ENTITY, EntityStatus.DISSOLVED, base2021);
        assertThat(pre.instructions()).isEmpty();
        assertThat(pre.years()).allSatisfy(y -> assertThat(y.issuedT()).isZero());

        EntityYearAllocation y = engine.verify(ENTITY, EntityStatus.DISSOLVED, 2021, verified2021, pre);
        assertThat(y.issuedT()).isZero();
        assertThat(y.reliefT()).isZero();
        assertThat(y.obligationT()).isZero();
        assertThat(y.obligationExempt()).isTrue();
        assertThat(y.gapT()).isZero();
        assertThat(y.ccerCapT()).isZero();
        assertThat(y.destination()).isNull();
        assertThat(y.instructions()).isEmpty();
        assertThat(y.borrowing().eligible()).isFalse();

        // dissolved after a pre-allocation was issued: it is clawed back, so nothing stays issued
        EntityYearAllocation later = engine.verify(ENTITY, EntityStatus.DISSOLVED, 2021, verified2021, 575_260L);
        assertThat(later.instructions()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InstructionKind.CLAW_BACK);
            assertThat(i.account()).isEqualTo(Destination.ENTITY_ACCOUNT);
            assertThat(i.quantityT()).isEqualTo(575_260L);
        });
    }

    @ParameterizedTest
    @EnumSource(EntityStatus.class)
    void preAllocationPlusTrueUpEqualsWhatIsIssued(EntityStatus status) {
        for (int year : rb.complianceYears()) {
            EntityPreAllocation pre = engine.preAllocate(ENTITY, status, base2021);
            List<UnitYearData> verified = List.of(condensing("U1", year, COAL_A, "1000000", "0.90", 900_000));
            EntityYearAllocation y = engine.verify(ENTITY, status, year, verified, pre);
            long net = Stream.concat(pre.instructions().stream(), y.instructions().stream())
                    .filter(i -> i.complianceYear() == year)
                    .mapToLong(IssuanceInstruction::signedQuantityT).sum();
            assertThat(net).as("net issued for %s %d", status, year).isEqualTo(y.issuedT());
            assertThat(y.rulebook()).isEqualTo(rb.ref());
        }
    }

    @Test
    void statusRulesAsPureFunctions() {
        assertThat(DifferentiatedIssuance.receivesPreAllocation(EntityStatus.OPERATING)).isTrue();
        assertThat(DifferentiatedIssuance.receivesPreAllocation(EntityStatus.COMPLIANCE_RISK)).isTrue();
        assertThat(DifferentiatedIssuance.receivesPreAllocation(EntityStatus.FACILITIES_CLOSED)).isFalse();
        assertThat(DifferentiatedIssuance.receivesPreAllocation(EntityStatus.DISSOLVED)).isFalse();
        assertThat(DifferentiatedIssuance.mayBorrow(EntityStatus.OPERATING)).isTrue();
        assertThat(Stream.of(EntityStatus.FACILITIES_CLOSED, EntityStatus.COMPLIANCE_RISK, EntityStatus.DISSOLVED))
                .noneMatch(DifferentiatedIssuance::mayBorrow)
                .allMatch(DifferentiatedIssuance::isSpecialListed);
        assertThat(DifferentiatedIssuance.hasObligation(EntityStatus.DISSOLVED)).isFalse();
        assertThat(DifferentiatedIssuance.verificationDestination(EntityStatus.DISSOLVED)).isEmpty();
        assertThat(DifferentiatedIssuance.verificationStage(rb.ref(), ENTITY, EntityStatus.OPERATING, 2021, "2021",
                new FinalPosition(500, 0), java.util.Map.of(Destination.ENTITY_ACCOUNT, 500L))).isEmpty();
    }
}
