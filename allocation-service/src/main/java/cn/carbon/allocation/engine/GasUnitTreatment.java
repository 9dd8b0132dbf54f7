package cn.carbon.allocation.engine;

/**
 * The gas-unit treatment of one gas unit (RULES.md §4.7, setting {@code settings.gasUnitRelief}).
 *
 * @param reliefT              extra allocation issued (RAISE_TO_VERIFIED_EMISSIONS_BEFORE_ENTITY_FLOOR)
 * @param obligationReductionT obligation not due (CAP_OBLIGATION_AT_ALLOCATION)
 */
public record GasUnitTreatment(String unitId, long allocationT, long verifiedEmissionsT, long reliefT,
                               long obligationReductionT) {
}
