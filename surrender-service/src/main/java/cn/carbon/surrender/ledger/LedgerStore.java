package cn.carbon.surrender.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where postings are kept: PostgreSQL in the service ({@link SqlLedgerStore}), memory in the property test. The
 * posting rules live in the callers ({@link Ledger} and the commands), so both stores apply the same rules.
 */
public interface LedgerStore {

    /** Locks the entity accounts (national ones need none) in ascending account id order; unknown → 404/422. */
    void lock(Collection<AccountRef> accounts);

    boolean exists(AccountRef account);

    Optional<Posted> find(String reference);

    /**
     * The balance of an entity or custody account in a vintage, of free or of restricted (borrowed) units (0 if it
     * never held any).
     */
    long balance(AccountRef account, String vintage, boolean restricted);

    /** The free units the account holds, per vintage (restricted units never move but to their borrower's surrender). */
    Map<String, Long> freeBalances(AccountRef account);

    Posted append(NewTransaction transaction);

    /**
     * The court documents of the freezes holding the account now (approved, not yet released); empty if not frozen.
     * Exact under the account's lock: a freeze takes effect under the same lock.
     */
    List<String> frozenBy(AccountRef account);
}
