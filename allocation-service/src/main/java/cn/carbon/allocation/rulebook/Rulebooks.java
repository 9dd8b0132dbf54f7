package cn.carbon.allocation.rulebook;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.RulebookPublished;
import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.RulebookLoader;
import cn.carbon.contracts.rulebook.RulebookValidationException;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rulebook versions of every cycle (table {@code rulebook_version}). Each shipped file is version 1 of its cycle,
 * stored at start when the cycle has none; the registry uploads later versions; computations use the newest version
 * and record it. Every stored version is published on {@code carbon.rulebooks.v1} in the transaction that stores it,
 * once per compliance year it governs, so that the other services apply the same rules. Parsed rulebooks are cached
 * by cycle and version (a stored version never changes).
 */
@ApplicationScoped
public class Rulebooks {

    static final String SOURCE = "allocation-service";

    private final EntityManager em;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final Map<String, Rulebook> parsed = new ConcurrentHashMap<>();

    public Rulebooks(EntityManager em, ObjectMapper json, Outbox outbox) {
        this.em = em;
        this.json = json;
        this.outbox = outbox;
    }

    /** A stored version: its metadata and the document as stored. */
    public record Version(String cycle, int version, String rulebookId, String document, String uploadedBy,
                          Instant uploadedAt) {
    }

    void storeShippedVersions(@Observes StartupEvent start) {
        for (String resource : ShippedRulebooks.resources()) {
            byte[] shipped = ShippedRulebooks.bytes(resource);
            Rulebook rb = RulebookLoader.parse(shipped, "classpath:" + resource);
            String document = new String(shipped, java.nio.charset.StandardCharsets.UTF_8);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                            insert into rulebook_version (cycle, version, rulebook_id, document, uploaded_by)
                            select ?1, ?2, ?3, ?4, 'shipped' where not exists (select 1 from rulebook_version where cycle = ?1)
                            on conflict do nothing""")
                    .setParameter(1, rb.cycle()).setParameter(2, rb.version()).setParameter(3, rb.id())
                    .setParameter(4, document).executeUpdate());
        }
        QuarkusTransaction.requiringNew().run(this::publishUnpublished);
    }

    /** Publishes, in version order, every stored version not published yet (the shipped ones at their first start). */
    private void publishUnpublished() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select cycle, version, document, uploaded_by, uploaded_at from rulebook_version
                        where published_at is null order by cycle, version for update""").getResultList();
        for (Object[] r : rows) {
            Version v = new Version((String) r[0], ((Number) r[1]).intValue(), null, (String) r[2], (String) r[3],
                    toInstant(r[4]));
            publish(parse(v), v.document(), v.uploadedBy(), v.uploadedAt());
        }
    }
    /** One event per compliance year of the version, and the version marked published, in the caller's transaction. */
    private void publish(Rulebook rb, String document, String by, Instant at) {
        JsonNode tree;
        try {
            tree = json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rulebook is not JSON", e);
        }
        for (int year : rb.complianceYears()) {
            RulebookPublished event = new RulebookPublished(rb.id(), rb.cycle(), rb.version(), rb.sector(), year, tree,
                    by, at);
            outbox.publish(Topics.RULEBOOKS, EventEnvelope.of(RulebookPublished.TYPE, SOURCE,
                    RulebookPublished.key(rb.id(), year), rb.cycle(), json.valueToTree(event)));
        }
        em.createNativeQuery("update rulebook_version set published_at = now() where cycle = ?1 and version = ?2")
                .setParameter(1, rb.cycle()).setParameter(2, rb.version()).executeUpdate();
    }

    /** The newest rulebook of {@code cycle}; 404 when the cycle has none. */
    public Rulebook current(String cycle) {
        return find(cycle, null).orElseThrow(() -> ProblemException.notFound("cycle " + cycle));
    }

    /** The given version (null: the newest) of {@code cycle}'s rulebook, if stored. */
    public Optional<Rulebook> find(String cycle, Integer version) {
        Integer v = version != null ? version : newestVersion(cycle).orElse(null);
        if (v == null) {
            return Optional.empty();
        }
        Rulebook cached = parsed.get(key(cycle, v));
        return cached != null ? Optional.of(cached) : version(cycle, v).map(this::parse);
    }

    /** A stored version (null: the newest). */
    @Transactional
    public Optional<Version> version(String cycle, Integer version) {
        var query = em.createNativeQuery("select cycle, version, rulebook_id, document, uploaded_by, uploaded_at "
                + "from rulebook_version where cycle = ?1" + (version == null ? "" : " and version = ?2")
                + " order by version desc limit 1").setParameter(1, cycle);
        if (version != null) {
            query.setParameter(2, version);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().findFirst().map(Rulebooks::version);
    }

    /** The newest version number of {@code cycle}, if any (cheap: no document). */
    @Transactional
    public Optional<Integer> newestVersion(String cycle) {
        Object v = em.createNativeQuery("select max(version) from rulebook_version where cycle = ?1")
                .setParameter(1, cycle).getSingleResult();
        return v == null ? Optional.empty() : Optional.of(((Number) v).intValue());
    }

    @Transactional
    public List<Version> versions(String cycle) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select cycle, version, rulebook_id, document, uploaded_by, uploaded_at from rulebook_version
                        where cycle = ?1 order by version""")
                .setParameter(1, cycle).getResultList();
        return rows.stream().map(Rulebooks::version).toList();
    }

    /**
     * Stores {@code document} as the next version of {@code cycle}'s rulebook (version 1 of a new cycle): the service
     * assigns the version (the newest + 1, written into the document); the document's cycle must be the path's; every
     * invalid field is named (422). Runs in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Version upload(String cycle, String document, String uploadedBy, Instant at) {
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (JsonProcessingException e) {
            throw ProblemException.unprocessable("invalid-rulebook", "Invalid rulebook", "the rulebook is not valid JSON",
                    List.of(Problem.FieldError.field("(file)", e.getOriginalMessage())));
        }
        if (!(root instanceof ObjectNode object)) {
            throw ProblemException.unprocessable("invalid-rulebook", "Invalid rulebook", "the rulebook must be a JSON object",
                    List.of(Problem.FieldError.field("(file)", "must be a JSON object")));
        }
        // one upload at a time per cycle, so that versions are dense and never collide
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('rulebook:' || ?1))").setParameter(1, cycle)
                .getSingleResult();
        int next = newestVersion(cycle).orElse(0) + 1;
        object.put("version", next);
        Rulebook rb;
        try {
            rb = RulebookLoader.fromTree(object, "upload for " + cycle);
        } catch (RulebookValidationException e) {
            throw ProblemException.unprocessable("invalid-rulebook", "Invalid rulebook",
                    e.errors().size() + " invalid field(s)", e.errors().stream()
                            .map(f -> Problem.FieldError.field(f.field(), f.message())).toList());
        }
        if (!cycle.equals(rb.cycle())) {
            throw ProblemException.unprocessable("invalid-rulebook", "Invalid rulebook", "the rulebook is for another cycle",
                    List.of(Problem.FieldError.field("cycle", "must be " + cycle + " (the path's cycle), was " + rb.cycle())));
        }
        String stored;
        try {
            stored = json.writerWithDefaultPrettyPrinter().writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("""
                        insert into rulebook_version (cycle, version, rulebook_id, document, uploaded_by, uploaded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, cycle).setParameter(2, next).setParameter(3, rb.id()).setParameter(4, stored)
                .setParameter(5, uploadedBy).setParameter(6, Timestamp.from(at)).executeUpdate();
        parsed.put(key(cycle, next), rb);
        publish(rb, stored, uploadedBy, at);
        return new Version(cycle, next, rb.id(), stored, uploadedBy, at);
    }

    private Rulebook parse(Version v) {
        return parsed.computeIfAbsent(key(v.cycle(), v.version()),
                k -> RulebookLoader.parse(v.document(), "rulebook_version " + k));
    }

    private static String key(String cycle, int version) {
        return cycle + "@v" + version;
    }

    private static Version version(Object[] r) {
        return new Version((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3], (String) r[4],
                toInstant(r[5]));
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
