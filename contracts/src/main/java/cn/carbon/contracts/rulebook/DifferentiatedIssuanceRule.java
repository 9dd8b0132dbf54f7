package cn.carbon.contracts.rulebook;

/**
 * Differentiated issuance (差异化开展配额分配, notice §一): what a COMPLIANCE_RISK entity's pre-allocation becomes.
 *
 * @param complianceRiskKeepsPreAllocation true: the pre-allocation stays in the entity's account and the rest of the
 *                                         verified allocation goes into provincial custody; false: the entity is
 *                                         treated like FACILITIES_CLOSED (everything in custody)
 */
public record DifferentiatedIssuanceRule(RuleValue<Boolean> complianceRiskKeepsPreAllocation) {
}
