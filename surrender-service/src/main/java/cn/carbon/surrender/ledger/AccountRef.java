package cn.carbon.surrender.ledger;

import java.util.Objects;

/** An account named by what it is: an entity's holding or custody account, or one of the two national accounts. */
public record AccountRef(Account.Kind kind, String uscc) {

    public static final AccountRef ISSUANCE = new AccountRef(Account.Kind.NATIONAL_ISSUANCE, null);
    public static final AccountRef SURRENDER = new AccountRef(Account.Kind.SURRENDER, null);

    public AccountRef {
        Objects.requireNonNull(kind, "kind");
        if (isNational(kind) != (uscc == null)) {
            throw new IllegalArgumentException(kind + " account " + (uscc == null ? "needs" : "takes no") + " uscc");
        }
    }

    public static AccountRef holding(String uscc) {
        return new AccountRef(Account.Kind.ENTITY_HOLDING, uscc);
    }

    public static AccountRef custody(String uscc) {
        return new AccountRef(Account.Kind.PROVINCIAL_CUSTODY, uscc);
    }

    /**
     * The national accounts keep no balance row and take no lock: issuance may go below zero, surrender only
     * receives, so neither can be overdrawn.
     */
    public boolean isNational() {
        return isNational(kind);
    }

    private static boolean isNational(Account.Kind kind) {
        return kind == Account.Kind.NATIONAL_ISSUANCE || kind == Account.Kind.SURRENDER;
    }

    /** As events and answers name it: {@code ENTITY_HOLDING/<uscc>} or {@code NATIONAL_ISSUANCE}. */
    public String label() {
        return uscc == null ? kind.name() : kind.name() + "/" + uscc;
    }
}
