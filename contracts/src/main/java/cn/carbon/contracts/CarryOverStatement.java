package cn.carbon.contracts;

import java.time.Instant;
import java.util.List;

/**
 * {@code carbon.carry-over.v1} (compacted, key = USCC): what an entity's next allocation owes after a cycle, the whole
 * statement after each change, so that the next cycle's allocation applies the latest one. Lines are never removed:
 * a cured shortfall stays as {@code CANCELLED}, a changed one as {@code SUPERSEDED} beside its successor.
 *
 * @param nextAllocationVintage the vintage of the allocation the lines are deducted from (e.g. {@code 2023})
 * @param revision              1 for the entity's first statement of the cycle, then one more for each change
 * @param totalOwedT            the sum of the {@code OWED} lines
 */
public record CarryOverStatement(String uscc, String provinceCode, String cycle, String nextAllocationVintage,
                                 int revision, long totalOwedT, List<Line> lines) {

    public static final String CHANGED = "CarryOverStatementChanged";

    /**
     * One thing the next allocation owes.
     *
     * @param kind           BORROWING_REPAYMENT (预支 repaid 1:1), RELIEF_REPAYMENT (纾困预支), SHORTFALL (uncured
     *                       shortfall at the compliance deadline, 1:1)
     * @param complianceYear the year the line comes from (null when not tied to one)
     * @param state          OWED, CANCELLED (a late compliance cured the shortfall) or SUPERSEDED (shortfall changed)
     * @param reference      the borrowing or relief application, or the compliance event that set the shortfall
     */
    public record Line(String kind, Integer complianceYear, String vintage, long quantityT, String state,
                       String reference, Instant recordedAt, Instant stateChangedAt, String stateReason) {
    }
}
