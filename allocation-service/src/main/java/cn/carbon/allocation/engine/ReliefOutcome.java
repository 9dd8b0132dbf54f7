package cn.carbon.allocation.engine;

import java.util.List;

/**
 * Gas-unit treatment and the allocation floor applied to an entity's year (see {@link AllocationRelief}).
 *
 * @param allocationBeforeFloorT verified allocation + gas relief
 * @param floorT                 floor share × verified emissions, rounded per {@code rounding.floor}
 * @param floorReliefT           what the floor adds
 * @param issuedT                the allocation to issue for the year
 * @param obligationT            the surrender obligation (verified emissions, less any gas obligation reduction)
 */
public record ReliefOutcome(List<GasUnitTreatment> gasUnits, long gasReliefT, long gasObligationReductionT,
                            long allocationBeforeFloorT, long floorT, long floorReliefT, long issuedT,
                            long obligationT) {
}
