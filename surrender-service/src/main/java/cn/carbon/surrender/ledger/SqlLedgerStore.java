package cn.carbon.surrender.ledger;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.LedgerEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger in PostgreSQL (V2__ledger.sql; free and restricted units apart since V6). Each posted transaction publishes a {@link LedgerEvent} per entity it
 * touches through the outbox, in the same database transaction.
 */
@ApplicationScoped
public class SqlLedgerStore implements LedgerStore {

    public static final String SOURCE = "surrender-service";

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Rulebooks rulebooks;
    // account ids never change once opened
    private final Map<AccountRef, Long> ids = new ConcurrentHashMap<>();

    public SqlLedgerStore(Jdbc jdbc, Outbox outbox, ObjectMapper json, Rulebooks rulebooks) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.rulebooks = rulebooks;
    }

    public Long id(AccountRef account) {
        Long id = ids.get(account);
        if (id != null) {
            return id;
        }
        Optional<Long> found = account.uscc() == null
                ? jdbc.one("select id from account where kind = ? and uscc is null", rs -> rs.getLong(1), account.kind().name())
                : jdbc.one("select id from account where kind = ? and uscc = ?", rs -> rs.getLong(1), account.kind().name(),
                account.uscc());
        found.ifPresent(v -> ids.put(account, v));
        return found.orElse(null);
    }

    private long requiredId(AccountRef account) {
        Long id = id(account);
        if (id == null) {
            throw ProblemException.notFound("account " + account.label());
        }
        return id;
    }

    @Override
    public void lock(Collection<AccountRef> accounts) {
        Long[] toLock = accounts.stream().filter(a -> !a.isNational()).map(this::requiredId).distinct().sorted()
                .toArray(Long[]::new);
        if (toLock.length > 0) {
            // one statement, rows locked in id order: two commands on the same accounts queue, never deadlock
            jdbc.list("select id from account where id = any(?) order by id for update", rs -> rs.getLong(1),
                    new Jdbc.Array("bigint", toLock));
        }
    }

    @Override
    public boolean exists(AccountRef account) {
        return id(account) != null;
    }

    @Override
    public Optional<Posted> find(String reference) {
        return jdbc.one("select id, fingerprint, kind, uscc, counterparty_uscc, compliance_year, quantity_t, "
                        + "obligation_added_t, posted_at from ledger_transaction where reference = ?",
                rs -> new Posted(rs.getLong(1), reference, rs.getString(2), TransactionKind.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), Jdbc.intOrNull(rs, 6), Jdbc.longOrNull(rs, 7), rs.getLong(8),
                        Jdbc.instant(rs, 9), List.of()), reference)
                .map(p -> new Posted(p.id(), p.reference(), p.fingerprint(), p.kind(), p.uscc(), p.counterpartyUscc(),
                        p.complianceYear(), p.quantityT(), p.obligationAddedT(), p.postedAt(), lines(p.id())));
    }

    private List<Movement> lines(long transactionId) {
        return jdbc.list("select fa.kind, fa.uscc, ta.kind, ta.uscc, l.vintage, l.quantity_t, l.restricted "
                        + "from ledger_line l join account fa on fa.id = l.from_account_id join account ta on ta.id = l.to_account_id "
                        + "where l.transaction_id = ? order by l.line_no",
                rs -> new Movement(new AccountRef(Account.Kind.valueOf(rs.getString(1)), rs.getString(2)),
                        new AccountRef(Account.Kind.valueOf(rs.getString(3)), rs.getString(4)), rs.getString(5), rs.getLong(6),
                        rs.getBoolean(7)),
                transactionId);
    }

    @Override
    public List<String> frozenBy(AccountRef account) {
        if (account.kind() != Account.Kind.ENTITY_HOLDING) {
            return List.of();
        }
        return jdbc.list("select court_document from account_freeze where account_id = ? "
                + "and status in ('ACTIVE', 'RELEASE_PENDING') order by approved_at", rs -> rs.getString(1), requiredId(account));
    }

    @Override
    public long balance(AccountRef account, String vintage, boolean restricted) {
        long id = requiredId(account);
        if (account.isNational()) {
            return jdbc.one("select coalesce(sum(case when to_account_id = ? then quantity_t else -quantity_t end), 0) "
                            + "from ledger_line where (to_account_id = ? or from_account_id = ?) and vintage = ? "
                            + "and restricted = ?", rs -> rs.getLong(1), id, id, id, vintage, restricted).orElse(0L);
        }
        return jdbc.one("select balance_t from balance where account_id = ? and vintage = ? and restricted = ?",
                rs -> rs.getLong(1), id, vintage, restricted).orElse(0L);
    }

    @Override
    public Map<String, Long> freeBalances(AccountRef account) {
        if (account.isNational()) {
            throw new IllegalArgumentException("national balances are sums of lines: see Reconciliation");
        }
        Map<String, Long> balances = new TreeMap<>();
        jdbc.list("select vintage, balance_t from balance where account_id = ? and not restricted order by vintage",
                rs -> balances.put(rs.getString(1), rs.getLong(2)), requiredId(account));
        return balances;
    }

    @Override
    public Posted append(NewTransaction tx) {
        UUID eventId = UUID.randomUUID();
        long id = jdbc.one("insert into ledger_transaction (reference, fingerprint, kind, uscc, counterparty_uscc, "
                        + "compliance_year, quantity_t, obligation_added_t, rulebook_id, rulebook_version, posted_at, posted_by, "
                        + "event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id", rs -> rs.getLong(1),
                tx.reference(), tx.fingerprint(), tx.kind().name(), tx.uscc(), tx.counterpartyUscc(), tx.complianceYear(),
                tx.quantityT(), tx.obligationAddedT(), tx.rulebookId(), tx.rulebookVersion(), tx.postedAt(), tx.postedBy(),
                eventId).orElseThrow();
        if (!tx.movements().isEmpty()) {
            StringBuilder sql = new StringBuilder("insert into ledger_line (transaction_id, line_no, from_account_id, "
                    + "to_account_id, vintage, quantity_t, restricted) values ");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < tx.movements().size(); i++) {
                Movement m = tx.movements().get(i);
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
                params.addAll(List.of(id, i + 1, requiredId(m.from()), requiredId(m.to()), m.vintage(), m.quantityT(),
                        m.restricted()));
            }
            jdbc.update(sql.toString(), params.toArray());
        }
        Posted posted = new Posted(id, tx.reference(), tx.fingerprint(), tx.kind(), tx.uscc(), tx.counterpartyUscc(),
                tx.complianceYear(), tx.quantityT(), tx.obligationAddedT(), tx.postedAt(), tx.movements());
        publish(posted, tx.uscc(), eventId);
        if (tx.counterpartyUscc() != null) {
            publish(posted, tx.counterpartyUscc(), UUID.randomUUID());
        }
        return posted;
    }

    private void publish(Posted p, String uscc, UUID eventId) {
        List<LedgerEvent.Line> lines = p.movements().stream()
                .map(m -> new LedgerEvent.Line(m.from().label(), m.to().label(), m.vintage(), m.quantityT())).toList();
        String province = jdbc.one("select province_code from entity_directory where uscc = ?", rs -> rs.getString(1), uscc)
                .orElse(null);
        LedgerEvent event = new LedgerEvent(String.valueOf(p.id()), p.kind().name(), uscc, province, p.complianceYear(),
                lines, holdings(uscc));
        String cycle = p.complianceYear() == null ? null
                : rulebooks.forYear(p.complianceYear()).map(Rulebook::cycle).orElse(null);
        outbox.publish(Topics.LEDGER, new EventEnvelope(eventId, LedgerEvent.POSTED, SOURCE, Instant.now(), uscc, cycle,
                json.valueToTree(event)));
    }

    /** An entity's balances in its accounts (read after every posting: index account_entity serves it). */
    static final String HOLDINGS = "select b.vintage, a.kind, b.balance_t, b.restricted from balance b "
            + "join account a on a.id = b.account_id where a.uscc = ? order by b.vintage";

    /** The entity's holdings by vintage: free and restricted units in its account, and what custody holds for it. */
    public List<LedgerEvent.Balance> holdings(String uscc) {
        Map<String, long[]> byVintage = new LinkedHashMap<>();
        jdbc.list(HOLDINGS, rs -> {
                    long[] v = byVintage.computeIfAbsent(rs.getString(1), k -> new long[3]);
                    long q = rs.getLong(3);
                    if (Account.Kind.PROVINCIAL_CUSTODY.name().equals(rs.getString(2))) {
                        v[2] += q;
                    } else if (rs.getBoolean(4)) {
                        v[1] += q;
                    } else {
                        v[0] += q;
                    }
                    return null;
                }, uscc);
        List<LedgerEvent.Balance> holdings = new ArrayList<>();
        byVintage.forEach((v, q) -> holdings.add(new LedgerEvent.Balance(v, q[0], q[1], q[2])));
        return holdings;
    }
}
