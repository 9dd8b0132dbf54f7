package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.RulebookRef;

/**
 * One instruction to the registry: move {@code quantityT} whole tonnes of {@code vintage} allowances for
 * {@code entityId}'s {@code complianceYear} into ({@link InstructionKind#ISSUE}) or out of
 * ({@link InstructionKind#CLAW_BACK}) {@code account}.
 *
 * @param quantityT always &gt; 0
 * @param rule      the rule that produced the instruction (notice/RULES.md reference)
 */
public record IssuanceInstruction(RulebookRef rulebook, String entityId, int complianceYear, String vintage,
                                  IssuanceStage stage, InstructionKind kind, Destination account, long quantityT,
                                  String rule) {

    public IssuanceInstruction {
        if (quantityT <= 0) {
            throw new IllegalArgumentException("an instruction moves a positive quantity, was " + quantityT);
        }
    }

    /** The signed effect on the entity's allocation: + for an issue, − for a claw-back. */
    public long signedQuantityT() {
        return kind == InstructionKind.ISSUE ? quantityT : -quantityT;
    }
}
