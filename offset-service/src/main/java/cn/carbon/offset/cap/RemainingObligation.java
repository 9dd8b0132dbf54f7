package cn.carbon.offset.cap;

/**
 * What an entity still owes for a compliance year, as far as offsets may go: offsets never exceed what is owed
 * (RULES.md §6; the 5 % cap is a separate, further limit). remaining = obligation − surrendered (the registry's
 * compliance record) − offsets already counted − offsets pending here, never below zero in the answer.
 *
 * <p>Offsets already counted: those confirmed here, or those the ledger credited if it reports more (the ledger's
 * credits come from this service's confirmations, so normally confirmed ≥ credited; the larger one never undercounts).
 *
 * @param obligationT the cap's base: the year's obligation, 0 for an exempt entity
 * @param pendingT    pending applications other than the one being checked
 */
public record RemainingObligation(long obligationT, long surrenderedT, long confirmedT, long creditedT, long pendingT) {

    public long offsetsCountedT() {
        return Math.max(confirmedT, creditedT);
    }

    public long remainingT() {
        return Math.max(0, obligationT - surrenderedT - offsetsCountedT() - pendingT);
    }

    /** Whether {@code requestedT} more still fits what is owed. */
    public boolean admits(long requestedT) {
        return surrenderedT + offsetsCountedT() + pendingT + requestedT <= obligationT;
    }

    /** The same figures with {@code quantityT} taken out of pending: the application being re-checked itself. */
    public RemainingObligation without(long quantityT) {
        return new RemainingObligation(obligationT, surrenderedT, confirmedT, creditedT, Math.max(0, pendingT - quantityT));
    }
}
