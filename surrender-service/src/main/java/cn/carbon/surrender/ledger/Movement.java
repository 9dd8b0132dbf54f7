package cn.carbon.surrender.ledger;

/**
 * One ledger line: whole tonnes of one vintage from one account to another, free units or restricted (borrowed) ones.
 * The restriction belongs to the units: a vintage may exist both as free units and as units borrowed against it.
 */
public record Movement(AccountRef from, AccountRef to, String vintage, long quantityT, boolean restricted) {

    public Movement {
        if (quantityT <= 0) {
            throw new IllegalArgumentException("a movement moves a positive quantity, not " + quantityT);
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("a movement needs two accounts");
        }
    }

    /** Free units. */
    public Movement(AccountRef from, AccountRef to, String vintage, long quantityT) {
        this(from, to, vintage, quantityT, false);
    }
}
