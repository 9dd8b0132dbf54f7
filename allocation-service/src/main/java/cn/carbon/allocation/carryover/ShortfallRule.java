package cn.carbon.allocation.carryover;

/**
 * How a compliance record moves an entity-year's shortfall line (RULES.md §5, K23): a shortfall at the compliance
 * deadline (status {@code OVERDUE}) is owed 1:1 by the next allocation; a changed shortfall supersedes the owed line;
 * a late compliance ({@code COMPLIANT_LATE}) or any other status cancels it. Lines are never deleted.
 */
public final class ShortfallRule {

    public enum Kind {
        /** nothing changes */
        NONE,
        /** a new owed line of {@code quantityT} */
        OPEN,
        /** the owed line is superseded by a new one of {@code quantityT} */
        SUPERSEDE,
        /** the owed line is cancelled for {@code reason} */
        CANCEL
    }

    public record Change(Kind kind, long quantityT, String reason) {
    }

    private ShortfallRule() {
    }

    /**
     * @param owedT      the quantity of the entity-year's owed line, null when none is owed
     * @param status     the compliance record's status (OPEN, COMPLIANT, COMPLIANT_LATE, OVERDUE, EXEMPT)
     * @param shortfallT the record's shortfall
     */
    public static Change next(Long owedT, String status, long shortfallT) {
        boolean shortAtDeadline = "OVERDUE".equals(status) && shortfallT > 0;
        if (shortAtDeadline) {
            if (owedT == null) {
                return new Change(Kind.OPEN, shortfallT, "shortfall at the compliance deadline");
            }
            return owedT == shortfallT ? new Change(Kind.NONE, 0, null)
                    : new Change(Kind.SUPERSEDE, shortfallT, "shortfall changed from " + owedT + " t to " + shortfallT
                    + " t");
        }
        if (owedT == null) {
            return new Change(Kind.NONE, 0, null);
        }
        return new Change(Kind.CANCEL, 0, "COMPLIANT_LATE".equals(status)
                ? "late compliance after the deadline (COMPLIANT_LATE)" : "compliance status " + status);
    }
}
