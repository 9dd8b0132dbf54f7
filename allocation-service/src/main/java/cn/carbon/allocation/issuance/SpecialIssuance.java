package cn.carbon.allocation.issuance;

import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The special cases of issuance (notice §一): a status change after 核定 re-routes what is still movable (the
 * verification stage of the entity's verified years re-run in the change's transaction); a province declares that an
 * entity's units emitted nothing in a year that was pre-allocated and has no verified data (the pre-allocation is
 * clawed back, the obligation 0 published). Both go through the runs' delta and the outbox.
 */
@ApplicationScoped
public class SpecialIssuance {

    static final int MAX_REASON = 2000;

    /**
     * What the ledger cannot be told in advance: a claw-back larger than the entity's balance moves what there is and
     * the registry adds the rest to the entity's obligation (surrender-service, {@code obligationAddedT}).
     */
    public static final String UNMOVABLE_NOTE = "claw-backs from the entity's account move what its balance holds;"
            + " the registry (surrender-service) adds what could not be moved to the entity's obligation"
            + " (obligationAddedT) — only the ledger knows that quantity";

    private final AllocationRuns runs;
    private final Rulebooks rulebooks;
    private final Jdbc jdbc;
    private final EntityManager em;
    private final Clock clock;

    public SpecialIssuance(AllocationRuns runs, Rulebooks rulebooks, Jdbc jdbc, EntityManager em, Clock clock) {
        this.runs = runs;
        this.rulebooks = rulebooks;
        this.jdbc = jdbc;
        this.em = em;
        this.clock = clock;
    }

    /** The instructions a re-route sent for one verified entity-year. */
    @RegisterForReflection
    public record Rerouted(String cycle, int year, List<SentInstruction> instructions) {
    }

    /**
     * Re-runs the verification stage of every verified year of the entity, in the caller's transaction (after its
     * status changed): the delta to the new final position goes out through the outbox.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Rerouted> reroute(String uscc, String by) {
        em.flush(); // the new status must be visible to the plain JDBC reads of the run
        Map<String, Set<Integer>> verified = jdbc.work(c -> {
            Map<String, Set<Integer>> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select cycle, year from entity_year_allocation where uscc = ? and verified_at is not null")) {
                Jdbc.bind(ps, uscc);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getInt(2));
                    }
                }
            }
            return out;
        });
        List<Rerouted> out = new ArrayList<>();
        verified.forEach((cycle, years) -> {
            Rulebook rb = rulebooks.current(cycle);
            List<SentInstruction> sent = runs.reverify(rb, uscc, years, by);
            for (int year : years) {
                out.add(new Rerouted(cycle, year, sent.stream().filter(s -> s.year() == year).toList()));
            }
        });
        return out;
    }

    /** A stored declaration that the entity's units emitted nothing in a year. */
    @RegisterForReflection
    public record NoEmissions(String cycle, String uscc, int year, String reason, String declaredBy,
                              Instant declaredAt, long obligationT, List<SentInstruction> instructions,
                              String unmovable) {
    }

    /** The answer of a declaration: {@code created} false when the same declaration was already stored. */
    public record Declared(boolean created, NoEmissions declaration) {
    }

    /**
     * Declares that the entity's units emitted nothing in {@code year}: stored with who, when and why; the year is
     * verified on no units, so the pre-allocation is clawed back and the obligation 0 published. Repeating it with
     * the same reason changes nothing; another reason, or unit data for that year, is a conflict.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Declared declareNoEmissions(Rulebook rb, KeyEmittingEntity e, int year, String reason, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!rb.isComplianceYear(year)) {
            errors.add(Problem.FieldError.field("year", "must be a year of the cycle " + rb.complianceYears()));
        }
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            errors.add(Problem.FieldError.field("reason", "is required: why the units emitted nothing that year"));
        } else if (why.length() > MAX_REASON) {
            errors.add(Problem.FieldError.field("reason", "at most " + MAX_REASON + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Object[] existing = jdbc.work(c -> {
            RunReads.lock(c, rb.cycle(), List.of(e.uscc));
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from unit_year_data where cycle = ? and uscc = ? and year = ?")) {
                Jdbc.bind(ps, rb.cycle(), e.uscc, year);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw ProblemException.conflict("verified-data-exists", "Verified data exist",
                                "entity " + e.uscc + " has verified unit data for " + year
                                        + ": a verification run verifies it; no declaration of no emissions");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select reason, declared_by, declared_at from no_emissions_declaration
                    where cycle = ? and uscc = ? and year = ?""")) {
                Jdbc.bind(ps, rb.cycle(), e.uscc, year);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Object[]{rs.getString(1), rs.getString(2), Jdbc.instant(rs.getTimestamp(3))}
                            : null;
                }
            }
        });
        if (existing != null) {
            if (!why.equals(existing[0])) {
                throw ProblemException.conflict("no-emissions-already-declared", "Already declared",
                        "no emissions were already declared for " + e.uscc + " in " + year + " with another reason");
            }
            return new Declared(false, new NoEmissions(rb.cycle(), e.uscc, year, why, (String) existing[1],
                    (Instant) existing[2], 0, List.of(), UNMOVABLE_NOTE));
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored
        jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into no_emissions_declaration (cycle, uscc, year, province_code, reason, declared_by,
                    declared_at) values (?, ?, ?, ?, ?, ?, ?)""")) {
                Jdbc.bind(ps, rb.cycle(), e.uscc, year, e.provinceCode, why, by, now);
                ps.executeUpdate();
            }
            return null;
        });
        List<SentInstruction> sent = runs.reverify(rb, e.uscc, Set.of(year), by);
        return new Declared(true, new NoEmissions(rb.cycle(), e.uscc, year, why, by, now, 0, sent, UNMOVABLE_NOTE));
    }
}
