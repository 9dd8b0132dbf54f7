package cn.carbon.surrender.compliance;

import java.time.Instant;

/**
 * An entity's compliance position for one year (RULES.md §10): remaining = obligation + claw-back additions −
 * surrendered − offset, never below zero. {@code surrenderedT} counts every unit surrendered, borrowed ones included.
 */
public record YearPosition(String uscc, int complianceYear, Long obligationT, boolean exempt, long obligationAddedT,
                           long surrenderedT, long borrowedT, long borrowedUsedT, long offsetT, long shortfallT,
                           Instant completedAt) {

    public static YearPosition empty(String uscc, int year) {
        return new YearPosition(uscc, year, null, false, 0, 0, 0, 0, 0, 0, null);
    }

    /** Null while the obligation is not known; zero for an exempt year. */
    public Long remainingT() {
        if (exempt) {
            return 0L;
        }
        if (obligationT == null) {
            return null;
        }
        return Math.max(0, obligationT + obligationAddedT - surrenderedT - offsetT);
    }

    public boolean complete() {
        return !exempt && obligationT != null && remainingT() == 0;
    }

    public long borrowedAvailableT() {
        return borrowedT - borrowedUsedT;
    }

    public YearPosition withObligation(long obligation, boolean isExempt) {
        return new YearPosition(uscc, complianceYear, obligation, isExempt, obligationAddedT, surrenderedT, borrowedT,
                borrowedUsedT, offsetT, shortfallT, completedAt);
    }

    public YearPosition plus(long addedT, long surrendered, long borrowed, long borrowedUsed, long offset, long shortfall) {
        return new YearPosition(uscc, complianceYear, obligationT, exempt, obligationAddedT + addedT,
                surrenderedT + surrendered, borrowedT + borrowed, borrowedUsedT + borrowedUsed, offsetT + offset,
                shortfallT + shortfall, completedAt);
    }

    public YearPosition completedAt(Instant at) {
        return new YearPosition(uscc, complianceYear, obligationT, exempt, obligationAddedT, surrenderedT, borrowedT,
                borrowedUsedT, offsetT, shortfallT, at);
    }
}
