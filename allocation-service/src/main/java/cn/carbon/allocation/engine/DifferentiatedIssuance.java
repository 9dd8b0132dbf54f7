package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.allocation.rulebook.RulebookRef;

import java.util.List;
import java.util.Optional;

/**
 * Differentiated issuance (差异化开展配额分配, notice §一; RULES.md §4.5, §4.10, §5.4, §13.2–3): pure functions from
 * an entity's status and its computed figures to issuance instructions with a destination.
 *
 * <table>
 * <caption>paths by status</caption>
 * <tr><th>status</th><th>pre-allocation</th><th>verification (核定)</th><th>obligation</th></tr>
 * <tr><td>OPERATING</td><td>to the entity's account</td><td>true-up: issue to / claw back from the entity's
 * account</td><td>yes</td></tr>
 * <tr><td>FACILITIES_CLOSED</td><td>none (不予发放预分配配额)</td><td>everything into provincial custody for the
 * entity</td><td>yes</td></tr>
 * <tr><td>COMPLIANCE_RISK</td><td>stays where it is (the entity's account)</td><td>the verification-stage amount
 * into provincial custody; a claw-back comes from the entity's account, where the pre-allocation is</td>
 * <td>yes</td></tr>
 * <tr><td>DISSOLVED</td><td>none</td><td>nothing issued; anything pre-allocated earlier is clawed back</td>
 * <td>none</td></tr>
 * </table>
 *
 * <p>The special-situation entities (all but OPERATING) cannot borrow 2023 allowances and are marked
 * "需特殊说明" in the issuance summary (notice §一, second paragraph).
 */
public final class DifferentiatedIssuance {

    static final String NOTICE_1 = "notice §一 (RULES.md §5.4)";

    private DifferentiatedIssuance() {
    }

    /** Whether the entity gets a pre-allocation: not when all facilities are closed, nor when dissolved. */
    public static boolean receivesPreAllocation(EntityStatus status) {
        return status == EntityStatus.OPERATING || status == EntityStatus.COMPLIANCE_RISK;
    }

    /** Whether the entity gets any allocation at all (not when dissolved). */
    public static boolean receivesAllocation(EntityStatus status) {
        return status != EntityStatus.DISSOLVED;
    }

    /** Whether the entity has a surrender obligation (not when dissolved: 不参与全国碳市场履约). */
    public static boolean hasObligation(EntityStatus status) {
        return status != EntityStatus.DISSOLVED;
    }

    /** Where the verification-stage allowances go; empty when nothing is issued (DISSOLVED). */
    public static Optional<Destination> verificationDestination(EntityStatus status) {
        return switch (status) {
            case OPERATING -> Optional.of(Destination.ENTITY_ACCOUNT);
            case FACILITIES_CLOSED, COMPLIANCE_RISK -> Optional.of(Destination.PROVINCIAL_CUSTODY);
            case DISSOLVED -> Optional.empty();
        };
    }

    /** Whether the entity may borrow (预支) 2023 allowances: special-situation entities may not. */
    public static boolean mayBorrow(EntityStatus status) {
        return status == EntityStatus.OPERATING;
    }

    /** Whether the province marks the entity in the "需特殊说明的事项" column and the special list. */
    public static boolean isSpecialListed(EntityStatus status) {
        return status != EntityStatus.OPERATING;
    }

    /** Instructions of the pre-allocation stage for one compliance year. */
    public static List<IssuanceInstruction> preAllocationStage(RulebookRef rulebook, String entityId,
                                                               EntityStatus status, int year, String vintage,
                                                               long preAllocatedT) {
        if (!receivesPreAllocation(status) || preAllocatedT <= 0) {
            return List.of();
        }
        return List.of(new IssuanceInstruction(rulebook, entityId, year, vintage, IssuanceStage.PRE_ALLOCATION,
                InstructionKind.ISSUE, Destination.ENTITY_ACCOUNT, preAllocatedT,
                status == EntityStatus.OPERATING ? "RULES.md §4.5: pre-allocation to the entity's account"
                        : NOTICE_1 + ": COMPLIANCE_RISK changes issuance only from the 核定 stage; pre-allocation stays"
                        + " in the entity's account"));
    }

    /**
     * Instructions of the verification (核定) stage for one compliance year: the true-up between the allocation to
     * issue and what was actually issued at pre-allocation.
     *
     * @param issuedT             the year's allocation to issue after relief (0 for DISSOLVED)
     * @param preAllocatedIssuedT what the pre-allocation stage actually issued to the entity's account
     */
    public static List<IssuanceInstruction> verificationStage(RulebookRef rulebook, String entityId,
                                                              EntityStatus status, int year, String vintage,
                                                              long issuedT, long preAllocatedIssuedT) {
        if (issuedT < 0 || preAllocatedIssuedT < 0) {
            throw new IllegalArgumentException("issued and pre-allocated quantities are >= 0");
        }
        if (status == EntityStatus.DISSOLVED) {
            return preAllocatedIssuedT == 0 ? List.of()
                    : List.of(new IssuanceInstruction(rulebook, entityId, year, vintage, IssuanceStage.VERIFICATION,
                    InstructionKind.CLAW_BACK, Destination.ENTITY_ACCOUNT, preAllocatedIssuedT,
                    NOTICE_1 + ": DISSOLVED, no allocation; the earlier pre-allocation is clawed back"));
        }
        long delta = issuedT - preAllocatedIssuedT;
        if (delta == 0) {
            return List.of();
        }
        if (delta < 0) {
            return List.of(new IssuanceInstruction(rulebook, entityId, year, vintage, IssuanceStage.VERIFICATION,
                    InstructionKind.CLAW_BACK, Destination.ENTITY_ACCOUNT, -delta,
                    "RULES.md §4.6: 核定 below the pre-allocation, the excess is clawed back from the entity's account"));
        }
        Destination to = verificationDestination(status).orElseThrow();
        String rule = switch (status) {
            case OPERATING -> "RULES.md §4.6: 核定 true-up issued to the entity's account";
            case FACILITIES_CLOSED -> NOTICE_1 + ": FACILITIES_CLOSED, no pre-allocation; issued at 核定 into"
                    + " provincial custody";
            case COMPLIANCE_RISK -> NOTICE_1 + ": COMPLIANCE_RISK, the 核定-stage amount goes into provincial custody";
            case DISSOLVED -> throw new IllegalStateException();
        };
        return List.of(new IssuanceInstruction(rulebook, entityId, year, vintage, IssuanceStage.VERIFICATION,
                InstructionKind.ISSUE, to, delta, rule));
    }
}
