package cn.carbon.platform.audit;

import cn.carbon.platform.security.SigningKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The service's tamper-evident audit trail. One appender per service chains the entries of concurrent commands in
 * one transaction, on a transaction-scoped advisory lock that keeps replicas apart (the runtime role may only read and
 * insert the table, and locking it would need more), so that every entry chains to exactly one predecessor;
 * {@link #verify} recomputes the chain. The chain is keyed (HMAC-SHA256 under
 * {@code carbon.audit.chain-key}, from a Secret): rewriting an entry needs the key, not only the table. Its head is
 * anchored outside the database ({@link AuditAnchors}): cutting the newest entries shows against the newest anchor.
 */
@ApplicationScoped
@Startup
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    static final String KEYED = "hmac-sha256";
    static final String UNKEYED = "sha256";
    static final Set<String> COMMITTED_DEFAULTS = Set.of("local-audit-chain-key-not-for-production");

    private final EntityManager em;
    private final SecretKeySpec key;
    private final long unkeyedUntil;
    private final AuditAppender appender = new AuditAppender(this::appendAll);

    /**
     * @param unkeyedUntil the last entry chained before the key was introduced ({@code carbon.audit.unkeyed-until},
     *                     set at the upgrade, outside the database): an unkeyed entry after it is a break, so that
     *                     whoever writes the table cannot pass a rewrite off as an old entry
     */
    public AuditTrail(EntityManager em, @ConfigProperty(name = "carbon.audit.chain-key") Optional<String> chainKey,
                      @ConfigProperty(name = "carbon.audit.unkeyed-until", defaultValue = "0") long unkeyedUntil) {
        this.em = em;
        this.unkeyedUntil = unkeyedUntil;
        byte[] bytes = SigningKeys.require("carbon.audit.chain-key", chainKey, COMMITTED_DEFAULTS)
                .orElseThrow(() -> new IllegalStateException("carbon.audit.chain-key is not set"))
                .getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("carbon.audit.chain-key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public record Entry(String actor, String roles, String scope, String requestId, String method, String path,
                        int status, String detail) {
    }

    /**
     * @param anchor the newest anchor read back from {@code carbon.audit-anchors.v1} and how the table compares with it
     * @param reason why the trail is not intact, naming the entry or the anchor
     */
    public record Verification(boolean intact, long entries, Long firstBrokenSeq, String lastHash, AnchorCheck anchor,
                               String reason) {
    }

    /**
     * @param status MATCHES, CHAIN_SHORTER (entries up to the anchored one were deleted), HASH_DIFFERS (the anchored
     *               entry was rewritten), NONE (nothing anchored yet) or UNREADABLE (the topic could not be read)
     * @param where  the anchor's topic, partition and offset
     */
    public record AnchorCheck(String status, Long seq, String hash, Instant anchoredAt, String where) {
    }

    /** The newest entry: its sequence (0 for an empty chain) and its hash. */
    public record Head(long seq, String hash) {
    }

    public Head head() {
        Object[] last = lastEntry();
        return last == null ? new Head(0, GENESIS) : new Head(((Number) last[0]).longValue(), (String) last[1]);
    }

    /**
     * Appends after the command's own transaction ended, and returns once the entry committed. Entries of concurrent
     * commands are chained together by one appender ({@link AuditAppender}) in one transaction.
     */
    public void append(Entry e) {
        appender.append(e);
    }

    /** The entries in order, chained to the head, in one transaction; the advisory lock keeps replicas in one chain. */
    private void appendAll(List<Entry> entries) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext('audit_entry'))) l").getResultList();
            Object[] last = lastEntry();
            long seq = last == null ? 0 : ((Number) last[0]).longValue();
            String prev = last == null ? GENESIS : (String) last[1];
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<Object[]> rows = new java.util.ArrayList<>(entries.size());
            for (Entry e : entries) {
                seq++;
                String hash = keyed(prev, seq, at, e);
                rows.add(new Object[]{seq, at.atOffset(ZoneOffset.UTC), e.actor(), e.roles(), e.scope(), e.requestId(),
                        e.method(), e.path(), e.status(), e.detail(), prev, hash, KEYED});
                prev = hash;
            }
            em.unwrap(org.hibernate.Session.class).doWork(c -> {
                try (var insert = c.prepareStatement("insert into audit_entry (seq, recorded_at, actor, roles, scope, "
                        + "request_id, method, path, status, detail, prev_hash, entry_hash, chain) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Object[] row : rows) {
                        for (int i = 0; i < row.length; i++) {
                            insert.setObject(i + 1, row[i]);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
        });
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        appender.stop();
    }

    /** The chain alone, and against the newest anchor found on Kafka (empty: nothing anchored yet). */
    @SuppressWarnings("unchecked")
    public Verification verify(Optional<AuditAnchors.Found> anchor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("select seq, recorded_at, actor, roles, scope, request_id, method, "
                    + "path, status, detail, prev_hash, entry_hash, chain from audit_entry order by seq").getResultList();
            String prev = GENESIS;
            long expectedSeq = 1;
            boolean keyedSeen = false;
            long anchoredSeq = anchor.map(a -> a.anchor().lastSeq()).orElse(0L);
            String hashAtAnchor = anchoredSeq == 0 ? GENESIS : null;
            for (Object[] r : rows) {
                long seq = ((Number) r[0]).longValue();
                Instant at = toInstant(r[1]);
                Entry e = new Entry((String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                        (String) r[7], ((Number) r[8]).intValue(), (String) r[9]);
                boolean keyed = KEYED.equals(r[12]);
                // entries from before the key was introduced stay unkeyed; none after them, none after a keyed one
                String expected = keyed ? keyed(prev, seq, at, e)
                        : keyedSeen || seq > unkeyedUntil ? null : hash(prev, seq, at, e);
                keyedSeen |= keyed;
                if (seq != expectedSeq || !prev.equals(r[10]) || expected == null || !expected.equals(r[11])) {
                    return new Verification(false, rows.size(), seq, prev, check(anchor, "NOT_REACHED"),
                            "entry " + seq + " does not chain to its predecessor");
                }
                prev = (String) r[11];
                if (seq == anchoredSeq) {
                    hashAtAnchor = prev;
                }
                expectedSeq++;
            }
            if (anchor.isEmpty()) {
                return new Verification(true, rows.size(), null, prev, check(anchor, "NONE"), null);
            }
            AuditAnchors.Found a = anchor.get();
            if (expectedSeq - 1 < anchoredSeq) {
                return new Verification(false, rows.size(), expectedSeq, prev, check(anchor, "CHAIN_SHORTER"),
                        "the chain ends at entry " + (expectedSeq - 1) + ", before the anchored entry " + anchoredSeq
                                + " (" + where(a) + ", anchored " + a.anchor().anchoredAt() + ")");
            }
            if (!a.anchor().lastHash().equals(hashAtAnchor)) {
                return new Verification(false, rows.size(), anchoredSeq, prev, check(anchor, "HASH_DIFFERS"),
                        "entry " + anchoredSeq + " differs from its anchor (" + where(a) + ", anchored "
                                + a.anchor().anchoredAt() + ")");
            }
            return new Verification(true, rows.size(), null, prev, check(anchor, "MATCHES"), null);
        });
    }

    /** The chain alone, when the anchors could not be read: not intact, since its tail cannot be vouched for. */
    public Verification verifyWithoutAnchor(String why) {
        Verification v = verify(Optional.empty());
        return new Verification(false, v.entries(), v.firstBrokenSeq(), v.lastHash(),
                new AnchorCheck("UNREADABLE", null, null, null, null),
                v.reason() != null ? v.reason() : "the newest anchor could not be read: " + why);
    }

    private static AnchorCheck check(Optional<AuditAnchors.Found> anchor, String status) {
        return anchor.map(a -> new AnchorCheck(status, a.anchor().lastSeq(), a.anchor().lastHash(),
                a.anchor().anchoredAt(), where(a))).orElse(new AnchorCheck(status, null, null, null, null));
    }

    private static String where(AuditAnchors.Found a) {
        return cn.carbon.contracts.Topics.AUDIT_ANCHORS + " partition " + a.partition() + " offset " + a.offset();
    }

    private Object[] lastEntry() {
        List<?> rows = em.createNativeQuery("select seq, entry_hash from audit_entry order by seq desc limit 1")
                .getResultList();
        return rows.isEmpty() ? null : (Object[]) rows.get(0);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    static String canonical(String prev, long seq, Instant at, Entry e) {
        return String.join("\u001f", prev, Long.toString(seq), at.toString(), e.actor(), e.roles(),
                e.scope(), String.valueOf(e.requestId()), e.method(), e.path(), Integer.toString(e.status()),
                String.valueOf(e.detail()));
    }

    String keyed(String prev, long seq, Instant at, Entry e) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical(prev, seq, at, e).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The unkeyed hash of the entries chained before the key was introduced. */
    static String hash(String prev, long seq, Instant at, Entry e) {
        String canonical = canonical(prev, seq, at, e);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
