package cn.carbon.platform.audit;

import cn.carbon.platform.security.SigningKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The service's tamper-evident audit trail. Appends serialise on the table lock so that every entry chains to
 * exactly one predecessor; {@link #verify()} recomputes the chain. The chain is keyed (HMAC-SHA256 under
 * {@code carbon.audit.chain-key}, from a Secret): rewriting an entry needs the key, not only the table.
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
            String hash = keyed(prev, seq, at, e);
            em.createNativeQuery("insert into audit_entry (seq, recorded_at, actor, roles, scope, request_id, method, path, "
                            + "status, detail, prev_hash, entry_hash, chain) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
                    .setParameter(1, seq).setParameter(2, at).setParameter(3, e.actor()).setParameter(4, e.roles())
                    .setParameter(5, e.scope()).setParameter(6, e.requestId()).setParameter(7, e.method())
                    .setParameter(8, e.path()).setParameter(9, e.status()).setParameter(10, e.detail())
                    .setParameter(11, prev).setParameter(12, hash).setParameter(13, KEYED)
                    .executeUpdate();
        });
    }

    @SuppressWarnings("unchecked")
    public Verification verify() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("select seq, recorded_at, actor, roles, scope, request_id, method, "
                    + "path, status, detail, prev_hash, entry_hash, chain from audit_entry order by seq").getResultList();
            String prev = GENESIS;
            long expectedSeq = 1;
            boolean keyedSeen = false;
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
