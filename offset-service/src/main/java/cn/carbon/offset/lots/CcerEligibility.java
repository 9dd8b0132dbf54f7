package cn.carbon.offset.lots;

import cn.carbon.offset.rulebook.OffsetRulebook;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a frozen CCER lot may offset in a cycle (notice §二, RULES.md §3 K20, §6; RULES-2023-2025.md D12, N16, N17),
 * every criterion from the rulebook: not from a project inside the national ETS coverage, not of an excluded project
 * type; an old CCER filed before the rulebook's date and still usable, a new CCER only where the rulebook accepts the
 * new scheme and registered on or after its first day; first-cycle units cancelled but unused only if the rulebook
 * allows them and the application brings its evidence.
 */
public final class CcerEligibility {

    private CcerEligibility() {
    }

    /** The facts of a lot eligibility depends on. */
    public record Lot(String projectType, boolean insideNationalEtsCoverage, LocalDate filedOn,
                      boolean firstCycleCancelledUnused, CcerScheme scheme) {

        /** An old-CCER lot. */
        public Lot(String projectType, boolean insideNationalEtsCoverage, LocalDate filedOn,
                   boolean firstCycleCancelledUnused) {
            this(projectType, insideNationalEtsCoverage, filedOn, firstCycleCancelledUnused, CcerScheme.OLD_CCER);
        }
    }

    public enum Reason {
        PROJECT_INSIDE_NATIONAL_ETS_COVERAGE("the project falls inside the national ETS coverage"),
        FILED_TOO_LATE("filed on or after the rulebook's eligibility date"),
        NO_LONGER_USABLE("past the last day these CCERs may be used for offset"),
        SCHEME_NOT_ACCEPTED("new-scheme CCERs (2023 Measures) may not offset this cycle's obligations"),
        REGISTERED_TOO_EARLY("registered before the rulebook's first day of the new scheme"),
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
        if (lot.scheme() == CcerScheme.NEW_CCER) {
            if (!rb.newCcerAccepted()) {
                reasons.add(Reason.SCHEME_NOT_ACCEPTED);
            } else if (lot.filedOn().isBefore(rb.newCcerRegisteredFrom())) {
                reasons.add(Reason.REGISTERED_TOO_EARLY);
            }
        } else {
            if (!lot.filedOn().isBefore(rb.eligibleFiledBefore())) {
                reasons.add(Reason.FILED_TOO_LATE);
            }
            if (rb.usableUntil().isMissedAt(at)) {
                reasons.add(Reason.NO_LONGER_USABLE);
            }
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
