package cn.carbon.platform.rulebook;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.RulebookPublished;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.RulebookLoader;
import cn.carbon.contracts.rulebook.RulebookValidationException;
import cn.carbon.platform.messaging.PoisonMessageException;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The rulebooks this service applies: the versions allocation-service published on {@code carbon.rulebooks.v1},
 * stored as received (table {@code rulebook_received}) and validated by the one loader of {@code contracts}. For each
 * rulebook and compliance year the newest version received governs, whatever order the versions arrived in. A year
 * without a rulebook is refused ({@link #requireYear}); nothing falls back to a copy of the rules.
 */
@ApplicationScoped
@IfBuildProperty(name = "carbon.rulebooks.applied", stringValue = "true")
public class PublishedRulebooks {

    private final EntityManager em;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<RulebookApplied> applied;
    /** Parsed versions by rulebook id and version (a published version never changes). */
    private final Map<String, Rulebook> parsed = new ConcurrentHashMap<>();
    /** The governing version per compliance year, per rulebook id; replaced whole after each commit. */
    private volatile Map<Integer, List<Rulebook>> live = Map.of();
    /** {@link #all()}, computed with {@link #live}: a command asks for it, and a rulebook's hash walks all its rules. */
    private volatile List<Rulebook> governing = List.of();

    public PublishedRulebooks(EntityManager em, ObjectMapper json, TransactionSynchronizationRegistry transactions,
                              Event<RulebookApplied> applied) {
        this.em = em;
        this.json = json;
        this.transactions = transactions;
        this.applied = applied;
    }

    /** Fired in the transaction that stores a version, so a service can follow it with its own tables atomically. */
    public record RulebookApplied(Rulebook rulebook, int complianceYear) {
    }

    void load(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(this::reload);
    }

    /**
     * Stores a published version (in the inbox's transaction). A document that the loader refuses, or whose identity
     * disagrees with the event, is a poison message: it goes to the dead-letter topic and changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        RulebookPublished p;
        try {
            p = json.treeToValue(event.data(), RulebookPublished.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("unreadable RulebookPublished: " + e.getMessage(), e);
        }
        Rulebook rb;
        try {
            rb = RulebookLoader.fromTree(p.document(), "event " + event.id());
        } catch (RulebookValidationException e) {
            throw new PoisonMessageException("invalid rulebook " + p.rulebookId() + " v" + p.version() + ": "
                    + e.getMessage(), e);
        }
        if (!rb.id().equals(p.rulebookId()) || rb.version() != p.version() || !rb.isComplianceYear(p.complianceYear())) {
            throw new PoisonMessageException("the event names " + p.rulebookId() + " v" + p.version() + " for "
                    + p.complianceYear() + " but carries " + rb.ref() + " for " + rb.complianceYears());
        }
        em.createNativeQuery("""
                        insert into rulebook_received (rulebook_id, compliance_year, version, cycle, sector, document,
                            published_by, published_at)
                        values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?8) on conflict do nothing""")
                .setParameter(1, rb.id()).setParameter(2, p.complianceYear()).setParameter(3, rb.version())
                .setParameter(4, rb.cycle()).setParameter(5, rb.sector()).setParameter(6, p.document().toString())
                .setParameter(7, p.publishedBy()).setParameter(8, Timestamp.from(p.publishedAt())).executeUpdate();
        applied.fire(new RulebookApplied(rb, p.complianceYear()));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    QuarkusTransaction.requiringNew().run(PublishedRulebooks.this::reload);
                }
            }
        });
    }

    /** The rulebook governing {@code complianceYear} here (the newest version received), if any. */
    public Optional<Rulebook> forYear(int complianceYear) {
        List<Rulebook> of = live.getOrDefault(complianceYear, List.of());
        if (of.size() > 1) {
            throw new IllegalStateException("several rulebooks govern " + complianceYear + " (" + of.stream()
                    .map(Rulebook::ref).toList() + "): the caller must choose by sector");
        }
        return of.stream().findFirst();
    }

    /** The rulebook of {@code sector} governing {@code complianceYear}, if any. */
    public Optional<Rulebook> forYear(int complianceYear, String sector) {
        return live.getOrDefault(complianceYear, List.of()).stream().filter(r -> r.sector().equals(sector)).findFirst();
    }

    /** As {@link #forYear(int)}, or 409 {@code no-rulebook}: the service has received no rules for that year. */
    public Rulebook requireYear(int complianceYear) {
        return forYear(complianceYear).orElseThrow(() -> noRulebook("compliance year " + complianceYear));
    }

    /** The newest version received of the rulebook of {@code cycle}, if any. */
    public Optional<Rulebook> forCycle(String cycle) {
        return all().stream().filter(r -> r.cycle().equals(cycle)).findFirst();
    }

    /** As {@link #forCycle}, or 409 {@code no-rulebook}. */
    public Rulebook requireCycle(String cycle) {
        return forCycle(cycle).orElseThrow(() -> noRulebook("cycle " + cycle));
    }

    /** The governing versions, one per rulebook, by cycle. */
    public List<Rulebook> all() {
        return governing;
    }

    private static ProblemException noRulebook(String what) {
        return ProblemException.conflict("no-rulebook", "No rulebook",
                "this service has received no rulebook for " + what + " on carbon.rulebooks.v1; "
                        + "its commands are refused until allocation-service publishes one");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void reload() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select distinct on (rulebook_id, compliance_year) rulebook_id, compliance_year, version,
                            cast(document as text)
                        from rulebook_received order by rulebook_id, compliance_year, version desc""")
                .getResultList();
        Map<Integer, List<Rulebook>> next = rows.stream().collect(Collectors.groupingBy(
                r -> ((Number) r[1]).intValue(), Collectors.mapping(r -> parsed.computeIfAbsent(
                                r[0] + "@v" + ((Number) r[2]).intValue(),
                                k -> RulebookLoader.parse((String) r[3], "rulebook_received " + k)),
                        Collectors.toList())));
        // one instance per version (the parsed cache), so identity tells the versions apart
        Map<Rulebook, Boolean> distinct = new IdentityHashMap<>();
        next.values().forEach(of -> of.forEach(r -> distinct.put(r, true)));
        governing = distinct.keySet().stream()
                .sorted(Comparator.comparing(Rulebook::cycle).thenComparing(Rulebook::id)).toList();
        live = Map.copyOf(next);
    }
}
