package cn.carbon.allocation.engine;

/** Issue allowances into an account, or claw them back from it (多退少补). */
public enum InstructionKind {
    ISSUE,
    CLAW_BACK
}
