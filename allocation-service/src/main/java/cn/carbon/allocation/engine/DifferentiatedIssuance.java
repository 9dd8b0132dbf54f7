package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.RulebookRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * entity; a pre-allocation issued before the status was set is clawed back from the entity's account</td>
 * <td>yes</td></tr>
 * <tr><td>COMPLIANCE_RISK</td><td>to the entity's account</td><td>per
 * {@code differentiatedIssuance.complianceRiskKeepsPreAllocation}: true, the pre-allocation stays in the entity's
 * account and the rest goes into provincial custody (a claw-back from the entity's account when 核定 is below the
 * pre-allocation); false, as FACILITIES_CLOSED</td><td>yes</td></tr>
 * <tr><td>DISSOLVED</td><td>none</td><td>nothing issued; anything pre-allocated earlier is clawed back</td>
 * <td>none</td></tr>
 * </table>
 *
 * <p>The verification stage is the difference between the {@link #finalPosition final position} and what the
 * pre-allocation stage instructed, per destination, so the net per destination never depends on the order of the
 * status change and the runs.
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
     * The FINAL position of an entity-year once verified (核定), per destination, from its status and figures only:
     * never from the order in which the status changed and the runs ran.
     * <ul>
     * <li>OPERATING: everything issued in the entity's account;</li>
     * <li>FACILITIES_CLOSED: nothing in the entity's account, everything in provincial custody (a pre-allocation
     * issued before the status was set is clawed back at 核定);</li>
     * <li>COMPLIANCE_RISK, {@code differentiatedIssuance.complianceRiskKeepsPreAllocation} true: the pre-allocation
     * (at most what is issued) stays in the entity's account, the rest in custody; false: as FACILITIES_CLOSED;</li>
     * <li>DISSOLVED: nothing anywhere.</li>
     * </ul>
     *
     * @param issuedT        the year's allocation to issue after relief
     * @param preAllocationT the engine's pre-allocation figure for the year (0 when none was computed)
     */
    public static FinalPosition finalPosition(EntityStatus status, long issuedT, long preAllocationT,
                                              boolean complianceRiskKeepsPreAllocation) {
        if (issuedT < 0 || preAllocationT < 0) {
            throw new IllegalArgumentException("issued and pre-allocation quantities are >= 0");
        }
        return switch (status) {
            case OPERATING -> new FinalPosition(issuedT, 0);
            case FACILITIES_CLOSED -> new FinalPosition(0, issuedT);
            case COMPLIANCE_RISK -> {
                if (!complianceRiskKeepsPreAllocation) {
                    yield new FinalPosition(0, issuedT);
                }
                long kept = Math.min(preAllocationT, issuedT);
                yield new FinalPosition(kept, issuedT - kept);
            }
            case DISSOLVED -> FinalPosition.NOTHING;
        };
    }

    /**
     * Instructions of the verification (核定) stage for one compliance year: per destination, the final position
     * minus what the pre-allocation stage instructed there. Claw-backs come before issues.
     *
     * @param preInstructedT what the pre-allocation stage instructed, net per destination
     */
    public static List<IssuanceInstruction> verificationStage(RulebookRef rulebook, String entityId,
                                                              EntityStatus status, int year, String vintage,
                                                              FinalPosition target,
                                                              Map<Destination, Long> preInstructedT) {
        List<IssuanceInstruction> clawBacks = new ArrayList<>();
        List<IssuanceInstruction> issues = new ArrayList<>();
        for (Destination d : Destination.values()) {
            long delta = target.at(d) - preInstructedT.getOrDefault(d, 0L);
            if (delta == 0) {
                continue;
            }
            InstructionKind kind = delta > 0 ? InstructionKind.ISSUE : InstructionKind.CLAW_BACK;
            IssuanceInstruction i = new IssuanceInstruction(rulebook, entityId, year, vintage,
                    IssuanceStage.VERIFICATION, kind, d, Math.abs(delta), rule(status, d, kind));
            (delta > 0 ? issues : clawBacks).add(i);
        }
        clawBacks.addAll(issues);
        return List.copyOf(clawBacks);
    }

    private static String rule(EntityStatus status, Destination d, InstructionKind kind) {
        boolean entity = d == Destination.ENTITY_ACCOUNT;
        boolean issue = kind == InstructionKind.ISSUE;
        return switch (status) {
            case OPERATING -> entity
                    ? (issue ? "RULES.md §4.6: 核定 true-up issued to the entity's account"
                    : "RULES.md §4.6: 核定 below the pre-allocation, the excess is clawed back from the entity's account")
                    : "RULES.md §4.6: OPERATING, nothing stays in provincial custody";
            case FACILITIES_CLOSED -> entity
                    ? NOTICE_1 + ": FACILITIES_CLOSED, the pre-allocation is clawed back from the entity's account"
                    : NOTICE_1 + ": FACILITIES_CLOSED, the verified allocation is issued into provincial custody";
            case COMPLIANCE_RISK -> entity
                    ? (issue ? NOTICE_1 + ": COMPLIANCE_RISK, the pre-allocation stays in the entity's account"
                    : NOTICE_1 + ": COMPLIANCE_RISK, clawed back from the entity's account (核定 below the"
                    + " pre-allocation, or differentiatedIssuance.complianceRiskKeepsPreAllocation = false)")
                    : NOTICE_1 + ": COMPLIANCE_RISK, the 核定-stage amount goes into provincial custody";
            case DISSOLVED -> NOTICE_1 + ": DISSOLVED, no allocation; what was instructed earlier is clawed back";
        };
    }
}
