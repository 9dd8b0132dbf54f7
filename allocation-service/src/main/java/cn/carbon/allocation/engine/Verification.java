package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;

import java.util.List;

/**
 * Verification (核定) of one entity's year (RULES.md §4.6, §5.1, §10): each unit's allowance on the year's verified
 * data and benchmarks; the entity's verified allocation as the sum of the rounded unit figures; relief
 * ({@link AllocationRelief}); the obligation (= verified emissions, none for DISSOLVED); the true-up against what
 * the pre-allocation issued; the gap; the CCER cap ({@link OffsetCap}); the borrowing rule
 * ({@link BorrowingRules}); and the instructions of {@link DifferentiatedIssuance}.
 */
public final class Verification {

    private Verification() {
    }

    /** As {@link #verify(Rulebook, String, EntityStatus, int, List, PreAllocationPosition)} for a pre-allocation of
     * {@code preAllocatedIssuedT} issued to the entity's account. */
    public static EntityYearAllocation verify(Rulebook rb, String entityId, EntityStatus status, int year,
                                              List<UnitYearData> verifiedUnits, long preAllocatedIssuedT) {
        if (preAllocatedIssuedT < 0) {
            throw new IllegalArgumentException("preAllocatedIssuedT must be >= 0, was " + preAllocatedIssuedT);
        }
        return verify(rb, entityId, status, year, verifiedUnits,
                PreAllocationPosition.issuedToEntity(preAllocatedIssuedT));
    }

    /**
     * @param pre the year's pre-allocation figure and what the pre-allocation stage instructed per destination: the
     *            verification stage moves the difference to the {@link DifferentiatedIssuance#finalPosition final
     *            position}
     */
    public static EntityYearAllocation verify(Rulebook rb, String entityId, EntityStatus status, int year,
                                              List<UnitYearData> verifiedUnits, PreAllocationPosition pre) {
        return verify(rb, entityId, status, year, verifiedUnits, pre, 0);
    }

    /**
     * As {@link #verify(Rulebook, String, EntityStatus, int, List, PreAllocationPosition)}, deducting what earlier
     * cycles left owed to this year's allocation (the bridge from 2021-2022, RULES-2023-2025.md §3.5: borrowing
     * repaid, relief advances, uncured shortfalls 1:1): up to the allocation issued; what it does not cover stays owed.
     *
     * @param owedT the deductions recorded against this year's allocation vintage
     */
    public static EntityYearAllocation verify(Rulebook rb, String entityId, EntityStatus status, int year,
                                              List<UnitYearData> verifiedUnits, PreAllocationPosition pre,
                                              long owedT) {
        if (owedT < 0) {
            throw new IllegalArgumentException("owedT must be >= 0, was " + owedT);
        }
        if (!rb.isComplianceYear(year)) {
            throw new IllegalArgumentException(year + " is not a compliance year of " + rb.ref() + " "
                    + rb.complianceYears());
        }
        PreAllocation.requireDistinctUnits(verifiedUnits);
        for (UnitYearData u : verifiedUnits) {
            if (u.year() != year) {
                throw new UnitDataException(u.unitId(), "year", "verification of " + year + " needs " + year
                        + " data, was " + u.year());
            }
        }
        List<UnitAllowance> units = verifiedUnits.stream()
                .map(u -> UnitAllowanceCalculator.compute(rb, year, u)).toList();
        long emissions = units.stream().mapToLong(u -> u.inputs().verifiedEmissionsT()).sum();
        long verifiedAllocation = units.stream().mapToLong(UnitAllowance::allowanceT).sum();

        boolean allocated = DifferentiatedIssuance.receivesAllocation(status);
        boolean obliged = DifferentiatedIssuance.hasObligation(status);
        ReliefOutcome relief = allocated ? AllocationRelief.apply(rb, units)
                : new ReliefOutcome(List.of(), 0, 0, 0, 0, 0, 0, 0);
        long issued = allocated ? relief.issuedT() : 0;
        long deducted = Math.min(owedT, issued);
        long obligation = obliged ? relief.obligationT() : 0;
        long gap = Math.max(0, obligation - (issued - deducted));
        long ccerCap = OffsetCap.ccerCapT(rb, obligation);
        BorrowingAssessment borrowing =
                BorrowingRules.assess(rb, entityId, year, status, emissions, issued, gap, null);
        long residual = Math.max(0, gap - borrowing.ceilingT() - ccerCap);
        String vintage = rb.allocationVintage(year);
        FinalPosition target = DifferentiatedIssuance.finalPosition(status, issued - deducted, pre.preAllocationT(),
                rb.differentiatedIssuance().complianceRiskKeepsPreAllocation().value());
        List<IssuanceInstruction> instructions = DifferentiatedIssuance.verificationStage(rb.ref(), entityId, status,
                year, vintage, target, pre.instructedT());
        long preAllocatedIssuedT = pre.instructedTotalT();
        return new EntityYearAllocation(rb.ref(), entityId, year, vintage, status, units, emissions,
                verifiedAllocation, relief, issued, preAllocatedIssuedT, issued - preAllocatedIssuedT, obligation,
                !obliged, gap, ccerCap, borrowing, residual,
                DifferentiatedIssuance.verificationDestination(status).orElse(null),
                DifferentiatedIssuance.isSpecialListed(status), instructions, owedT, deducted);
    }
}
