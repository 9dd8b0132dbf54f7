package cn.carbon.surrender.rulebook;

/**
 * Whether a vintage may be surrendered against a compliance year (notice §四, RULES.md §5.2): the rulebook's eligible
 * vintages freely; borrowed-only vintages only as the borrower's own restricted units for that year.
 */
public enum VintageEligibility {
    ELIGIBLE,
    /** Only the borrower's restricted units borrowed for this year. */
    BORROWED_ONLY,
    /** A known vintage that does not serve this year. */
    NOT_ELIGIBLE,
    UNKNOWN_VINTAGE;

    public static VintageEligibility of(Rulebook rulebook, int complianceYear, String vintage) {
        if (vintage == null || !rulebook.knows(vintage)) {
            return UNKNOWN_VINTAGE;
        }
        if (rulebook.isBorrowedOnly(vintage)) {
            return rulebook.covers(complianceYear) ? BORROWED_ONLY : NOT_ELIGIBLE;
        }
        return rulebook.eligible().getOrDefault(complianceYear, java.util.List.of()).contains(vintage)
                ? ELIGIBLE : NOT_ELIGIBLE;
    }
}
