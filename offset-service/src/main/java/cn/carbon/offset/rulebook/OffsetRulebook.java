package cn.carbon.offset.rulebook;

import cn.carbon.contracts.rulebook.CcerOffsetRule;
import cn.carbon.contracts.rulebook.Deadline;
import cn.carbon.contracts.rulebook.Rulebook;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The offset settings of one cycle's rulebook, taken from the version allocation-service published ({@link #of}). No
 * figure of the offset rules lives in Java: every one comes from the rulebook.
 *
 * @param capShare                 cap per compliance year as a share of that year's obligation (0.05)
 * @param capRounding              how the cap rounds to whole tonnes (DOWN)
 * @param eligibleFiledBefore      a lot filed (备案) on or after this day is not eligible
 * @param usableUntil              the last day the CCERs may be cancelled for offset
 * @param excludeCoveredProjects   whether projects inside the national ETS coverage are excluded
 * @param excludedProjectTypes     project types that may not offset
 * @param firstCycleLeftoversUsable whether first-cycle units cancelled but unused may offset (on application)
 * @param applicationOpens         applications are accepted only after this day
 * @param applicationDeadline      applications are accepted only by this day
 * @param newCcerAccepted          whether new-scheme CCERs (2023 Measures) may offset (a rulebook without the rule: no)
 * @param newCcerRegisteredFrom    a new-scheme lot registered before this day is not eligible (null when not accepted)
 */
public record OffsetRulebook(String rulebookId, int version, String cycle, ZoneId zone, List<Integer> complianceYears,
                             BigDecimal capShare, RoundingMode capRounding, LocalDate eligibleFiledBefore,
                             Deadline usableUntil, boolean excludeCoveredProjects, Set<String> excludedProjectTypes,
                             boolean firstCycleLeftoversUsable, Deadline applicationOpens, Deadline applicationDeadline,
                             boolean newCcerAccepted, LocalDate newCcerRegisteredFrom) {

    /** The offset part of a published rulebook; the deadlines it names are the rulebook's own. */
    public static OffsetRulebook of(Rulebook rb) {
        CcerOffsetRule c = rb.ccerOffset();
        if (c == null) {
            throw new IllegalArgumentException("rulebook " + rb.ref() + " has no ccerOffset section");
        }
        return new OffsetRulebook(rb.id(), rb.version(), rb.cycle(), rb.timeZone(), List.copyOf(rb.complianceYears()),
                c.capShareOfObligation().value(), rb.rounding().ccerCap().value(), c.oldCcerFiledBefore().value(),
                rb.deadline(c.oldCcerUsableUntil().value()), c.excludeProjectsInsideNationalEtsCoverage().value(),
                Set.copyOf(c.excludedProjectTypes().value()), c.firstCycleCancelledUnusedUsable().value(),
                rb.deadline(c.applicationOpens().value()), rb.deadline(c.applicationDeadline().value()),
                c.acceptsNewCcer(), c.acceptsNewCcer() ? c.newCcer().value().registeredFrom() : null);
    }

    public boolean coversYear(int complianceYear) {
        return complianceYears.contains(complianceYear);
    }
}
