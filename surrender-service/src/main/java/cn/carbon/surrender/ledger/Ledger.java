package cn.carbon.surrender.ledger;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The posting rules every command goes through, in code as in the database (V2 trigger): each reference takes effect
 * once; no account but national issuance goes below zero; the surrender account is never debited; restricted
 * (borrowed) units, whatever their vintage, move only from issuance to their borrower and from the borrower to
 * surrender, and a borrowing posts nothing else (V6 trigger); balances are held per vintage, free and restricted apart;
 * a holding account frozen by court order sends nothing out but by forced surrender or claw-back (V3 trigger).
 */
public class Ledger {

    private final LedgerStore store;

    public Ledger(LedgerStore store) {
        this.store = store;
    }

    /** A posting, or the earlier posting of the same reference ({@code repeated}). */
    public record Result(Posted posted, boolean repeated) {
    }

    public LedgerStore store() {
        return store;
    }

    /**
     * Locks {@code accounts}, then answers the earlier posting of {@code reference} or posts what {@code build}
     * returns. The lookup follows the lock, so a concurrent repeat sees the first one's commit.
     */
    public Result post(Collection<AccountRef> accounts, String reference, String fingerprint,
                       Supplier<NewTransaction> build) {
        Optional<Posted> earlier = lockAndFind(accounts, reference, fingerprint);
        if (earlier.isPresent()) {
            return new Result(earlier.get(), true);
        }
        return new Result(append(build.get()), false);
    }

    /** Locks {@code accounts} (in account id order), then looks for an earlier posting of {@code reference}. */
    public Optional<Posted> lockAndFind(Collection<AccountRef> accounts, String reference, String fingerprint) {
        store.lock(accounts);
        return earlier(reference, fingerprint);
    }

    /** Posts after the rules' checks; the caller holds the locks of the accounts it debits. */
    public Posted append(NewTransaction tx) {
        return append(tx, line -> "quantityT");
    }

    /** As {@link #append(NewTransaction)}; {@code field} names the request field of each line for a refusal. */
    public Posted append(NewTransaction tx, IntFunction<String> field) {
        check(tx, field);
        return store.append(tx);
    }

    /** The earlier posting of {@code reference}; the same reference with another content is refused. */
    public Optional<Posted> earlier(String reference, String fingerprint) {
        Optional<Posted> earlier = store.find(reference);
        if (earlier.isPresent() && !earlier.get().fingerprint().equals(fingerprint)) {
            throw ProblemException.conflict("reference-reused", "Reference reused",
                    reference + " was already posted with other content");
        }
        return earlier;
    }

    private void check(NewTransaction tx, IntFunction<String> field) {
        Map<Held, Long> debits = new LinkedHashMap<>();
        Map<Held, Integer> firstLine = new LinkedHashMap<>();
        for (int i = 0; i < tx.movements().size(); i++) {
            Movement m = tx.movements().get(i);
            if (m.from().kind() == Account.Kind.SURRENDER) {
                throw invariant("the surrender account is never debited");
            }
            if (m.to().kind() == Account.Kind.NATIONAL_ISSUANCE && tx.kind() != TransactionKind.CLAW_BACK) {
                throw invariant(tx.kind() + " never returns units to issuance");
            }
            if (tx.kind() == TransactionKind.BORROWING && !m.restricted()) {
                throw invariant("borrowed units of vintage " + m.vintage() + " are restricted units");
            }
            if (m.restricted() && !restrictedMayMove(tx, m)) {
                throw ProblemException.unprocessable("restricted-units", "Restricted units never move",
                        "borrowed units of vintage " + m.vintage() + " serve only their borrower's surrender",
                        List.of(Problem.FieldError.field("vintage", "borrowed (restricted) units of " + m.vintage())));
            }
            if (!m.from().isNational()) {
                Held held = new Held(m.from(), m.vintage(), m.restricted());
                debits.merge(held, m.quantityT(), Long::sum);
                firstLine.putIfAbsent(held, i);
            }
        }
        debits.keySet().stream().map(Held::account).distinct().forEach(account -> requireMayDebit(account, tx.kind(),
                tx.kind() == TransactionKind.SETTLEMENT ? "sellerUscc" : "uscc"));
        debits.forEach((h, quantity) -> {
            long held = store.balance(h.account(), h.vintage(), h.restricted());
            if (held < quantity) {
                String lineField = field.apply(firstLine.get(h));
                long borrowed = h.restricted() ? 0 : store.balance(h.account(), h.vintage(), true);
                if (borrowed > 0 && held + borrowed >= quantity) {
                    throw restrictedHeld(h, held, borrowed, quantity, lineField);
                }
                throw insufficient(h.account(), h.restricted() ? h.vintage() + " (restricted)" : h.vintage(), held, quantity,
                        lineField);
            }
        });
    }

    /** Units of one vintage in one account, free or restricted: what the ledger keeps one balance of. */
    private record Held(AccountRef account, String vintage, boolean restricted) {
    }

    /** Enough units held only counting borrowed ones, which serve nothing but their borrower's surrender. */
    private static ProblemException restrictedHeld(Held h, long free, long borrowed, long wanted, String field) {
        return ProblemException.unprocessable("restricted-units", "Restricted units never move",
                h.account().label() + " holds " + free + " t of free units of vintage " + h.vintage() + " and " + borrowed
                        + " t of borrowed (restricted) units, which serve only their borrower's own surrender; "
                        + wanted + " t of free units needed",
                List.of(Problem.FieldError.field(field, "exceeds the " + free + " t of free units of vintage "
                        + h.vintage() + " held (" + borrowed + " t more are borrowed units)")));
    }

    /**
     * A court freeze (涉司法冻结) blocks the holder's own outflows: trading out, voluntary surrender. A forced surrender
     * entrusted by the province and a claw-back of over-issued units are not the holder's disposal and still go.
     * Call under the account's lock.
     */
    public void requireMayDebit(AccountRef account, TransactionKind kind, String field) {
        if (account.kind() != Account.Kind.ENTITY_HOLDING || kind == TransactionKind.FORCED_SURRENDER
                || kind == TransactionKind.CLAW_BACK) {
            return;
        }
        List<String> orders = store.frozenBy(account);
        if (!orders.isEmpty()) {
            throw new ProblemException(409, "account-frozen", "Account frozen",
                    "the account of " + account.uscc() + " is frozen by court order (" + String.join(", ", orders)
                            + "): no " + kind + " out of it until the freeze is released",
                    List.of(Problem.FieldError.field(field, "account of " + account.uscc() + " frozen by "
                            + String.join(", ", orders))));
        }
    }

    private static boolean restrictedMayMove(NewTransaction tx, Movement m) {
        return tx.kind() == TransactionKind.BORROWING && m.from().equals(AccountRef.ISSUANCE)
                && m.to().equals(AccountRef.holding(tx.uscc()))
                || tx.kind() == TransactionKind.SURRENDER && m.from().equals(AccountRef.holding(tx.uscc()))
                && m.to().equals(AccountRef.SURRENDER);
    }

    public static ProblemException insufficient(AccountRef account, String vintage, long held, long wanted, String field) {
        return ProblemException.unprocessable("insufficient-holdings", "Insufficient holdings",
                account.label() + " holds " + held + " t of vintage " + vintage + ", " + wanted + " t needed",
                List.of(Problem.FieldError.field(field, "exceeds the " + held + " t of vintage " + vintage + " held")));
    }

    private static ProblemException invariant(String message) {
        return ProblemException.conflict("ledger-invariant", "Ledger invariant", message);
    }
}
