package cn.carbon.surrender.ledger;

import cn.carbon.platform.web.ProblemException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ledger in memory, for the property test: it stores what the posting rules produce and, like the database's
 * constraints and trigger, refuses outright (AssertionError) any posting that would break an invariant, so that the
 * rules' own checks are what the test exercises. Balances are kept per {@link #key vintage and restriction}.
 */
public class InMemoryLedgerStore implements LedgerStore {

    private final Set<AccountRef> accounts = new HashSet<>(Set.of(AccountRef.ISSUANCE, AccountRef.SURRENDER));
    private final Map<String, Posted> byReference = new LinkedHashMap<>();
    private final Map<AccountRef, Map<String, Long>> balances = new HashMap<>();
    private long nextId = 1;

    public void open(String uscc) {
        accounts.add(AccountRef.holding(uscc));
        accounts.add(AccountRef.custody(uscc));
    }

    @Override
    public void lock(Collection<AccountRef> refs) {
        refs.stream().filter(a -> !accounts.contains(a)).findFirst().ifPresent(a -> {
            throw ProblemException.notFound("account " + a.label());
        });
    }

    @Override
    public boolean exists(AccountRef account) {
        return accounts.contains(account);
    }

    @Override
    public Optional<Posted> find(String reference) {
        return Optional.ofNullable(byReference.get(reference));
    }

    @Override
    public List<String> frozenBy(AccountRef account) {
        return List.of(); // the property test has no court freezes; FreezeResourceTest covers them on PostgreSQL
    }

    /** The key of a balance within an account: {@code 2023|restricted}, {@code 2021|free}. */
    public static String key(String vintage, boolean restricted) {
        return vintage + "|" + (restricted ? "restricted" : "free");
    }

    @Override
    public long balance(AccountRef account, String vintage, boolean restricted) {
        return balances.getOrDefault(account, Map.of()).getOrDefault(key(vintage, restricted), 0L);
    }

    @Override
    public Map<String, Long> freeBalances(AccountRef account) {
        Map<String, Long> free = new TreeMap<>();
        balances.getOrDefault(account, Map.of()).forEach((k, q) -> {
            if (k.endsWith("|free")) {
                free.put(k.substring(0, k.indexOf('|')), q);
            }
        });
        return free;
    }

    @Override
    public Posted append(NewTransaction tx) {
        if (byReference.containsKey(tx.reference())) {
            throw new AssertionError("unique constraint: reference " + tx.reference() + " posted twice");
        }
        for (Movement m : tx.movements()) {
            if (m.from().equals(AccountRef.SURRENDER)) {
                throw new AssertionError("constraint: the surrender account was debited");
            }
            boolean borrowing = tx.kind() == TransactionKind.BORROWING;
            if (m.restricted() != borrowing && !(m.restricted() && tx.kind() == TransactionKind.SURRENDER)) {
                throw new AssertionError("trigger: " + (m.restricted() ? "restricted" : "free") + " units by " + tx.kind());
            }
            add(m.from(), key(m.vintage(), m.restricted()), -m.quantityT());
            add(m.to(), key(m.vintage(), m.restricted()), m.quantityT());
            if (!m.from().equals(AccountRef.ISSUANCE) && balance(m.from(), m.vintage(), m.restricted()) < 0) {
                throw new AssertionError("check constraint: " + m.from().label() + " below zero in " + m.vintage());
            }
        }
        Posted p = new Posted(nextId++, tx.reference(), tx.fingerprint(), tx.kind(), tx.uscc(), tx.counterpartyUscc(),
                tx.complianceYear(), tx.quantityT(), tx.obligationAddedT(), tx.postedAt(), tx.movements());
        byReference.put(tx.reference(), p);
        return p;
    }

    private void add(AccountRef account, String key, long q) {
        balances.computeIfAbsent(account, a -> new TreeMap<>()).merge(key, q, Long::sum);
    }

    public List<Posted> postings() {
        return new ArrayList<>(byReference.values());
    }

    /** Every account's balance by {@link #key}, national ones included. */
    public Map<AccountRef, Map<String, Long>> all() {
        return balances;
    }
}
