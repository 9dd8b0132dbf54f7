package cn.carbon.offset.rulebook;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offset rulebooks by cycle and version. The files named by {@code carbon.offsets.rulebooks} are loaded at start;
 * the registry may load a newer version through the API. The highest version of a cycle is in force; every check
 * records the version it used.
 */
@ApplicationScoped
public class Rulebooks {

    private static final Logger LOG = Logger.getLogger(Rulebooks.class);

    private final EntityManager em;
    private final List<String> locations;
    private final Map<String, OffsetRulebook> parsed = new ConcurrentHashMap<>();

    public Rulebooks(EntityManager em, @ConfigProperty(name = "carbon.offsets.rulebooks") List<String> locations) {
        this.em = em;
        this.locations = locations;
    }

    /** A stored version: the parsed settings and the JSON as loaded. */
    public record Stored(OffsetRulebook rulebook, JsonNode body) {
    }

    void onStart(@Observes StartupEvent start) {
        for (String location : locations) {
            String json = read(location.strip());
            OffsetRulebook rb = RulebookParser.parse(json, location);
            boolean inserted = QuarkusTransaction.requiringNew().call(() -> insert(rb, json, "file:" + location));
            LOG.infof("offset rulebook %s v%d for cycle %s from %s: %s", rb.rulebookId(), rb.version(), rb.cycle(),
                    location, inserted ? "loaded" : "already stored");
            if (!inserted && !QuarkusTransaction.requiringNew().call(() -> sameAsStored(rb, json))) {
                // a stored version is never rewritten: checks already made used it
                LOG.warnf("offset rulebook file %s differs from the stored v%d of cycle %s; the stored one stays in "
                        + "force — give a changed file a new version", location, rb.version(), rb.cycle());
            }
        }
    }

    /** The version in force for {@code cycle}, if the cycle is known. */
    @Transactional
    public Optional<OffsetRulebook> current(String cycle) {
        return currentStored(cycle).map(Stored::rulebook);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<Stored> currentStored(String cycle) {
        List<Object[]> rows = em.createNativeQuery("select version, cast(body as text) from offset_rulebook "
                        + "where cycle = ?1 order by version desc limit 1")
                .setParameter(1, cycle).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String body = (String) rows.get(0)[1];
        OffsetRulebook rb = parsed.computeIfAbsent(cycle + "#" + ((Number) rows.get(0)[0]).intValue(),
                k -> RulebookParser.parse(body, "stored rulebook " + k));
        return Optional.of(new Stored(rb, RulebookParser.tree(body, cycle)));
    }

    /** The version in force for {@code cycle}, or 422 naming {@code field}. */
    public OffsetRulebook require(String cycle, String field) {
        return current(cycle).orElseThrow(() -> ProblemException.unprocessable("unknown-cycle", "Unknown cycle",
                "no rulebook is loaded for cycle " + cycle,
                List.of(Problem.FieldError.field(field, "no rulebook is loaded for cycle " + cycle))));
    }

    /** Loads a newer version for {@code cycle}; the body must name that cycle and a version above the current one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OffsetRulebook replace(String cycle, JsonNode body, String loadedBy) {
        OffsetRulebook rb = RulebookParser.parse(body, "rulebook body");
        if (!rb.cycle().equals(cycle)) {
            throw ProblemException.unprocessable("rulebook-invalid", "Rulebook invalid",
                    "the body is the rulebook of cycle " + rb.cycle() + ", not " + cycle,
                    List.of(Problem.FieldError.field("cycle", "must be " + cycle)));
        }
        // one loader at a time per cycle: the version check and the insert must not interleave
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "offset_rulebook:" + cycle)
                .getSingleResult();
        Number latest = (Number) em.createNativeQuery("select coalesce(max(version), 0) from offset_rulebook where cycle = ?1")
                .setParameter(1, cycle).getSingleResult();
        if (rb.version() <= latest.intValue()) {
            throw ProblemException.conflict("rulebook-version-not-newer", "Rulebook version not newer",
                    "cycle " + cycle + " already has version " + latest + "; load version " + (latest.intValue() + 1)
                            + " or later");
        }
        try {
            insert(rb, RulebookParser.MAPPER.writeValueAsString(body), loadedBy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return rb;
    }

    private boolean insert(OffsetRulebook rb, String json, String loadedBy) {
        return em.createNativeQuery("insert into offset_rulebook (cycle, version, rulebook_id, body, loaded_by) "
                        + "values (?1, ?2, ?3, cast(?4 as jsonb), ?5) on conflict do nothing")
                .setParameter(1, rb.cycle()).setParameter(2, rb.version()).setParameter(3, rb.rulebookId())
                .setParameter(4, json).setParameter(5, loadedBy).executeUpdate() == 1;
    }

    private boolean sameAsStored(OffsetRulebook rb, String json) {
        return (Boolean) em.createNativeQuery("select body = cast(?3 as jsonb) from offset_rulebook "
                        + "where cycle = ?1 and version = ?2")
                .setParameter(1, rb.cycle()).setParameter(2, rb.version()).setParameter(3, json).getSingleResult();
    }

    private static String read(String location) {
        try {
            if (location.startsWith("file:")) {
                return Files.readString(Path.of(location.substring(5)), StandardCharsets.UTF_8);
            }
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (cl != null ? cl : Rulebooks.class.getClassLoader()).getResourceAsStream(location)) {
                if (in == null) {
                    throw new IllegalStateException("no offset rulebook on the classpath at " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read offset rulebook " + location, e);
        }
    }
}
