package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The allocation engine of one rulebook: the entry point for the REST layer. Plain, deterministic and stateless
 * apart from the rulebook; every result records the rulebook's id and version.
 */
public final class AllocationEngine {

    private final Rulebook rulebook;

    public AllocationEngine(Rulebook rulebook) {
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
    }

    public Rulebook rulebook() {
        return rulebook;
    }

    /** A unit's allowance for {@code year} on its data of that year (or other data, e.g. a what-if). */
    public UnitAllowance unitAllowance(int year, UnitYearData data) {
        return UnitAllowanceCalculator.compute(rulebook, year, data);
    }

    /** A unit's pre-allocation for compliance year {@code year}, from its base-year data. */
    public UnitPreAllocation unitPreAllocation(int year, UnitYearData baseYearData) {
        return PreAllocation.unit(rulebook, year, baseYearData);
    }

    /** The entity's pre-allocation for every compliance year (base-year data), with issuance instructions. */
    public EntityPreAllocation preAllocate(String entityId, EntityStatus status, List<UnitYearData> baseYearUnits) {
        return PreAllocation.entity(rulebook, entityId, status, baseYearUnits);
    }

    /**
     * The entity's verified (核定) allocation for {@code year}: relief, obligation, true-up, gap, CCER cap, the
     * borrowing rule and the verification-stage issuance instructions.
     *
     * @param preAllocatedIssuedT what the pre-allocation stage actually issued for that year (ledger figure)
     */
    public EntityYearAllocation verify(String entityId, EntityStatus status, int year,
                                       List<UnitYearData> verifiedUnits, long preAllocatedIssuedT) {
        return Verification.verify(rulebook, entityId, status, year, verifiedUnits, preAllocatedIssuedT);
    }

    /** As {@link #verify(String, EntityStatus, int, List, long)}, taking what the given pre-allocation issued. */
    public EntityYearAllocation verify(String entityId, EntityStatus status, int year,
                                       List<UnitYearData> verifiedUnits, EntityPreAllocation preAllocation) {
        PreAllocationYear y = preAllocation.year(year);
        java.util.Map<Destination, Long> instructed = y.issuedT() == 0 ? java.util.Map.of()
                : java.util.Map.of(Destination.ENTITY_ACCOUNT, y.issuedT());
        return verify(entityId, status, year, verifiedUnits, new PreAllocationPosition(y.computedT(), instructed));
    }

    /**
     * The verified allocation for {@code year} against the year's pre-allocation figure and what the pre-allocation
     * stage instructed per destination; the verification stage moves the rest to the final position
     * ({@link DifferentiatedIssuance#finalPosition}).
     */
    public EntityYearAllocation verify(String entityId, EntityStatus status, int year,
                                       List<UnitYearData> verifiedUnits, PreAllocationPosition pre) {
        return Verification.verify(rulebook, entityId, status, year, verifiedUnits, pre);
    }

    /** As {@link #verify(String, EntityStatus, int, List, PreAllocationPosition)}, deducting {@code owedT} that
     * earlier cycles left owed to this year's allocation ({@link Verification}). */
    public EntityYearAllocation verify(String entityId, EntityStatus status, int year,
                                       List<UnitYearData> verifiedUnits, PreAllocationPosition pre, long owedT) {
        return Verification.verify(rulebook, entityId, status, year, verifiedUnits, pre, owedT);
    }

    /** The borrowing rule for an application made at {@code appliedAt} (checked against the rulebook deadline). */
    public BorrowingAssessment assessBorrowing(EntityYearAllocation allocation, Instant appliedAt) {
        return BorrowingRules.assess(rulebook, allocation, appliedAt);
    }

    /** As {@link #assessBorrowing(EntityYearAllocation, Instant)} for the entity's current status. */
    public BorrowingAssessment assessBorrowing(EntityYearAllocation allocation, EntityStatus currentStatus,
                                               Instant appliedAt) {
        return BorrowingRules.assess(rulebook, allocation.entityId(), allocation.year(), currentStatus,
                allocation.verifiedEmissionsT(), allocation.issuedT(), allocation.gapT(), appliedAt);
    }

    /**
     * The borrowing rule on an entity-year's stored verification figures, for the entity's current status; the
     * deadline is checked against {@code appliedAt} unless it is null.
     */
    public BorrowingAssessment assessBorrowing(String entityId, int year, EntityStatus currentStatus,
                                               long verifiedEmissionsT, long issuedT, long gapT, Instant appliedAt) {
        return BorrowingRules.assess(rulebook, entityId, year, currentStatus, verifiedEmissionsT, issuedT, gapT,
                appliedAt);
    }

    /** CCER offset cap for a year's obligation. */
    public long ccerCapT(long obligationT) {
        return OffsetCap.ccerCapT(rulebook, obligationT);
    }
}
