package cn.carbon.offset.lots;

import cn.carbon.offset.rulebook.OffsetRulebook;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a frozen CCER lot may offset in a cycle (notice §二, RULES.md §3 K20, §6), every criterion from the
 * rulebook: not from a project inside the national ETS coverage, filed before the rulebook's date, still usable,
 * not of an excluded project type; first-cycle units cancelled but unused only if the rulebook allows them and the
 * application brings its evidence.
 */
public final class CcerEligibility {

    private CcerEligibility() {
    }

    /** The facts of a lot eligibility depends on. */
    public record Lot(String projectType, boolean insideNationalEtsCoverage, LocalDate filedOn,
                      boolean firstCycleCancelledUnused) {
    }

    public enum Reason {
        PROJECT_INSIDE_NATIONAL_ETS_COVERAGE("the project falls inside the national ETS coverage"),
        FILED_TOO_LATE("filed on or after the rulebook's eligibility date"),
        NO_LONGER_USABLE("past the last day these CCERs may be used for offset"),
        EXCLUDED_PROJECT_TYPE("the project type may not offset"),
        FIRST_CYCLE_LEFTOVERS_NOT_ALLOWED("first-cycle cancelled-but-unused CCERs may not offset in this cycle"),
        FIRST_CYCLE_EVIDENCE_MISSING("first-cycle cancelled-but-unused CCERs need the application's evidence");

        public final String description;

        Reason(String description) {
            this.description = description;
        }
    }

    /**
     * @param evidence the application's evidence for a first-cycle leftover lot (null when none was given)
     * @return the reasons the lot may not offset at {@code at}; empty when it may
     */
    public static List<Reason> check(Lot lot, OffsetRulebook rb, Instant at, String evidence) {
        List<Reason> reasons = new ArrayList<>();
        if (rb.excludeCoveredProjects() && lot.insideNationalEtsCoverage()) {
            reasons.add(Reason.PROJECT_INSIDE_NATIONAL_ETS_COVERAGE);
        }
        if (!lot.filedOn().isBefore(rb.eligibleFiledBefore())) {
            reasons.add(Reason.FILED_TOO_LATE);
        }
        if (rb.usableUntil().isMissedAt(at)) {
            reasons.add(Reason.NO_LONGER_USABLE);
        }
        if (rb.excludedProjectTypes().contains(lot.projectType())) {
            reasons.add(Reason.EXCLUDED_PROJECT_TYPE);
        }
        if (lot.firstCycleCancelledUnused()) {
            if (!rb.firstCycleLeftoversUsable()) {
                reasons.add(Reason.FIRST_CYCLE_LEFTOVERS_NOT_ALLOWED);
            } else if (evidence == null || evidence.isBlank()) {
                reasons.add(Reason.FIRST_CYCLE_EVIDENCE_MISSING);
            }
        }
        return reasons;
    }
}
