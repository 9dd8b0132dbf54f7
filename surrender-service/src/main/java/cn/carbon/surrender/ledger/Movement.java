package cn.carbon.surrender.ledger;

/** One ledger line: whole tonnes of one vintage from one account to another. */
public record Movement(AccountRef from, AccountRef to, String vintage, long quantityT) {

    public Movement {
        if (quantityT <= 0) {
            throw new IllegalArgumentException("a movement moves a positive quantity, not " + quantityT);
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("a movement needs two accounts");
        }
    }
}
