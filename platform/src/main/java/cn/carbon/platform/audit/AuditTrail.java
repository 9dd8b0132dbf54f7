package cn.carbon.platform.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * The service's tamper-evident audit trail. Appends serialise on the table lock so that every entry chains to
 * exactly one predecessor; {@link #verify()} recomputes the chain.
 */
@ApplicationScoped
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);

    private final EntityManager em;

    public AuditTrail(EntityManager em) {
        this.em = em;
    }

    public record Entry(String actor, String roles, String scope, String requestId, String method, String path,
                        int status, String detail) {
    }

    public record Verification(boolean intact, long entries, Long firstBrokenSeq, String lastHash) {
    }

    /** Appends in a transaction of its own, after the command's own transaction ended. */
    public void append(Entry e) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("lock table audit_entry in share row exclusive mode").executeUpdate();
            Object[] last = lastEntry();
            long seq = last == null ? 1 : ((Number) last[0]).longValue() + 1;
            String prev = last == null ? GENESIS : (String) last[1];
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String hash = hash(prev, seq, at, e);
            em.createNativeQuery("insert into audit_entry (seq, recorded_at, actor, roles, scope, request_id, method, path, "
                            + "status, detail, prev_hash, entry_hash) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
                    .setParameter(1, seq).setParameter(2, at).setParameter(3, e.actor()).setParameter(4, e.roles())
                    .setParameter(5, e.scope()).setParameter(6, e.requestId()).setParameter(7, e.method())
                    .setParameter(8, e.path()).setParameter(9, e.status()).setParameter(10, e.detail())
                    .setParameter(11, prev).setParameter(12, hash)
                    .executeUpdate();
        });
    }

    @SuppressWarnings("unchecked")
    public Verification verify() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("select seq, recorded_at, actor, roles, scope, request_id, method, "
                    + "path, status, detail, prev_hash, entry_hash from audit_entry order by seq").getResultList();
            String prev = GENESIS;
            long expectedSeq = 1;
            for (Object[] r : rows) {
                long seq = ((Number) r[0]).longValue();
                Instant at = toInstant(r[1]);
                Entry e = new Entry((String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                        (String) r[7], ((Number) r[8]).intValue(), (String) r[9]);
                if (seq != expectedSeq || !prev.equals(r[10]) || !hash(prev, seq, at, e).equals(r[11])) {
                    return new Verification(false, rows.size(), seq, prev);
                }
                prev = (String) r[11];
                expectedSeq++;
            }
            return new Verification(true, rows.size(), null, prev);
        });
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

    static String hash(String prev, long seq, Instant at, Entry e) {
        String canonical = String.join("\u001f", prev, Long.toString(seq), at.toString(), e.actor(), e.roles(),
                e.scope(), String.valueOf(e.requestId()), e.method(), e.path(), Integer.toString(e.status()),
                String.valueOf(e.detail()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
