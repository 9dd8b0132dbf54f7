package cn.carbon.surrender.compliance;

import java.time.Instant;

/**
 * The status of an entity's year (API.md): EXEMPT (dissolved, no obligation); COMPLIANT when complete by the
 * deadline; COMPLIANT_LATE when completed after it (late compliance); OVERDUE when incomplete after it; OPEN before.
 * Computed from the position as of a date, so the status at the deadline never changes once the deadline passed.
 */
public enum ComplianceStatus {
    OPEN, COMPLIANT, COMPLIANT_LATE, OVERDUE, EXEMPT;

    /**
     * @param remainingT  null while the obligation is not known
     * @param deadlineEnd the first instant after the compliance deadline
     */
    public static ComplianceStatus of(boolean exempt, Long remainingT, Instant completedAt, Instant asOf,
                                      Instant deadlineEnd) {
        if (exempt) {
            return EXEMPT;
        }
        if (remainingT != null && remainingT == 0 && completedAt != null) {
            return completedAt.isBefore(deadlineEnd) ? COMPLIANT : COMPLIANT_LATE;
        }
        return asOf.isBefore(deadlineEnd) ? OPEN : OVERDUE;
    }

    public boolean complied() {
        return this == COMPLIANT || this == COMPLIANT_LATE;
    }

    /** Keeps {@code completedAt} true to the position: set when it becomes complete, cleared when it no longer is. */
    public static YearPosition withCompletion(YearPosition position, Instant at) {
        if (position.complete()) {
            return position.completedAt() == null ? position.completedAt(at) : position;
        }
        return position.completedAt() == null ? position : position.completedAt(null);
    }
}
