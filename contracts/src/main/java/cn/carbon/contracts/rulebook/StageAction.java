package cn.carbon.contracts.rulebook;

/**
 * An action of the allocation stage that a deadline of the notice may bind (rulebook {@code deadlines.<key>.appliesTo}):
 * done after its deadline it needs a reason and is recorded as late.
 */
public enum StageAction {
    /** The province's import of the verified (核查) unit data. */
    VERIFIED_DATA_IMPORT,
    /** The pre-allocation (预分配) run. */
    PRE_ALLOCATION_RUN,
    /** The verification (核定) run, which issues the 核定 allowances. */
    VERIFICATION_RUN,
    /** The province's submission of 机组核定配额明细表 and 核定配额实际发放汇总表. */
    TABLES_SUBMISSION,
    /** Sending an entity its 履约通知书. */
    COMPLIANCE_NOTICE
}
