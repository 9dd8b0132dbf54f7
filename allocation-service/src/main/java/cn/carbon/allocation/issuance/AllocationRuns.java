package cn.carbon.allocation.issuance;

import cn.carbon.allocation.engine.AllocationEngine;
import cn.carbon.allocation.provisional.FourEyesRelease;
import cn.carbon.allocation.provisional.ProvisionalConfirmations;
import cn.carbon.allocation.engine.Destination;
import cn.carbon.allocation.engine.EntityPreAllocation;
import cn.carbon.allocation.engine.EntityYearAllocation;
import cn.carbon.allocation.engine.InstructionKind;
import cn.carbon.allocation.engine.IssuanceInstruction;
import cn.carbon.allocation.engine.IssuanceStage;
import cn.carbon.allocation.engine.PreAllocationPosition;
import cn.carbon.allocation.engine.PreAllocationYear;
import cn.carbon.allocation.engine.UnitAllowance;
import cn.carbon.allocation.engine.UnitPreAllocation;
import cn.carbon.allocation.engine.UnitYearData;
import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.allocation.messaging.OutboxBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.carbon.allocation.issuance.RunReads.instructed;
import static cn.carbon.allocation.issuance.RunReads.key;
import static cn.carbon.allocation.issuance.RunReads.lock;
import static cn.carbon.allocation.issuance.RunReads.published;
import static cn.carbon.allocation.issuance.RunReads.subjects;
import static cn.carbon.allocation.issuance.RunReads.unitData;
import static cn.carbon.allocation.issuance.RunReads.verifiedYears;

/**
 * Computes one chunk of entities of a pre-allocation or verification run with the engine, stores every figure per
 * unit and per entity-year with the rulebook version it used, and sends the registry only what it was not told yet
 * ({@link InstructionDelta}), each instruction with a deterministic id {@code <uscc>-<year>-<stage>-<seq>}, through
 * the outbox, in the chunk's transaction. A verified year keeps its pre-allocation stage (a pre-allocation run skips
 * it); its verification stage moves whatever the final position of the entity-year
 * ({@link cn.carbon.allocation.engine.DifferentiatedIssuance#finalPosition}) still needs beyond what the
 * pre-allocation stage instructed, per destination, so the result does not depend on the order of runs and status
 * changes. Reads in {@link RunReads}, writes in {@link RunWrites}.
 */
@ApplicationScoped
public class AllocationRuns {

    static final String SOURCE = "allocation-service";

    private final Jdbc jdbc;
    private final OutboxBatch outbox;
    private final ObjectMapper json;

    public AllocationRuns(Jdbc jdbc, OutboxBatch outbox, ObjectMapper json) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
    }

    /** What a chunk did. */
    public record Outcome(int done, int failed, int skippedYears, int units, int instructions, int obligations,
                          List<EntityError> errors) {
    }

    /** An entity that failed ({@code year} null), or an entity-year left open (its {@code year}). */
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record EntityError(String uscc, Integer year, String message) {

        /** An error of the whole entity (no year). */
        public EntityError(String uscc, String message) {
            this(uscc, null, message);
        }
    }

    static final List<String> UNIT_COLUMNS = List.of("cycle", "uscc", "unit_id", "year", "stage", "rulebook_id",
            "rulebook_version", "data_year", "category", "cooling", "capacity_mw", "power_supply_mwh", "heat_supply_gj",
            "heat_ratio", "load_factor", "verified_emissions_t", "supply_benchmark", "heat_benchmark", "cooling_factor",
            "cooling_basis", "heat_supply_factor", "heat_supply_basis", "load_correction", "load_basis", "supply_part",
            "heat_part", "unrounded", "allowance_t", "pre_share", "pre_allocated_t", "job_id", "computed_at",
            "power_generation_mwh", "output_basis", "provisional_values", "product_output_t", "intensity_benchmark",
            "balance_coefficient");

    /** Records a chunk's outcome (a job's progress) in the chunk's own transaction. */
    @FunctionalInterface
    public interface Progress {
        void record(Connection connection, Outcome outcome) throws SQLException;
    }

    /** An entity as a run sees it. */
    record Subject(String uscc, String provinceCode, EntityStatus status) {
    }

    /** What earlier runs instructed for one entity, year and stage. */
    static final class Instructed {
        final Map<Destination, Long> net = new EnumMap<>(Destination.class);
        int lastSeq;

        long total() {
            return net.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The obligation last published for an entity-year. */
    record Published(Long obligationT, Boolean exempt, String status) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome preAllocate(UUID jobId, Rulebook rb, List<String> usccs, String by, Progress progress) {
        return jdbc.work(c -> {
            lock(c, rb.cycle(), usccs);
            Instant now = Instant.now();
            AllocationEngine engine = new AllocationEngine(rb);
            int baseYear = rb.preAllocation().baseYear().value();
            Map<String, Subject> subjects = subjects(c, usccs);
            Map<String, List<UnitYearData>> data = unitData(c, rb.cycle(), usccs, baseYear);
            Map<String, Instructed> instructed = instructed(c, rb.cycle(), usccs);
            Set<String> verified = verifiedYears(c, rb.cycle(), usccs);
            RunWrites w = new RunWrites(outbox, json, rb, jobId, by, now);
            int done = 0;
            int skipped = 0;
            List<EntityError> errors = new ArrayList<>();
            for (String uscc : usccs) {
                Subject s = subjects.get(uscc);
                List<UnitYearData> units = data.getOrDefault(uscc, List.of());
                EntityPreAllocation pre;
                try {
                    pre = engine.preAllocate(uscc, s.status(), units);
                } catch (IllegalArgumentException e) {
                    errors.add(new EntityError(uscc, e.getMessage()));
                    continue;
                }
                for (PreAllocationYear y : pre.years()) {
                    if (verified.contains(uscc + "|" + y.year())) {
                        skipped++;
                        continue;
                    }
                    List<IssuanceInstruction> target = pre.instructions().stream()
                            .filter(i -> i.complianceYear() == y.year()).toList();
                    w.instruct(s, y.year(), y.vintage(), IssuanceStage.PRE_ALLOCATION.name(), target,
                            instructed.computeIfAbsent(key(uscc, y.year(), IssuanceStage.PRE_ALLOCATION.name()),
                                    k -> new Instructed()));
                    w.replaceUnits(uscc, y.year(), IssuanceStage.PRE_ALLOCATION);
                    for (UnitPreAllocation u : y.units()) {
                        w.unit(uscc, y.year(), IssuanceStage.PRE_ALLOCATION, u.baseAllowance(), u.share(),
                                u.preAllocatedT());
                    }
                    w.preYear(s, y, pre.status());
                }
                done++;
            }
            w.flush(c);
            return w.outcome(c, done, errors, skipped, progress);
        });
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome verify(UUID jobId, Rulebook rb, List<String> usccs, String by, Progress progress) {
        return jdbc.work(c -> {
            lock(c, rb.cycle(), usccs);
            RunWrites w = new RunWrites(outbox, json, rb, jobId, by, Instant.now());
            List<EntityError> errors = new ArrayList<>();
            int done = verifyIn(c, rb, usccs, null, w, errors, errors);
            w.flush(c);
            return w.outcome(c, done, errors, 0, progress);
        });
    }

    /**
     * Re-runs the verification stage of {@code years} of one entity in the caller's transaction (a status change
     * after 核定, a declaration of no emissions), through the same delta and the outbox; returns what was sent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SentInstruction> reverify(Rulebook rb, String uscc, Set<Integer> years, String by) {
        return jdbc.work(c -> {
            List<String> one = List.of(uscc);
            lock(c, rb.cycle(), one);
            RunWrites w = new RunWrites(outbox, json, rb, null, by, Instant.now());
            List<EntityError> errors = new ArrayList<>();
            verifyIn(c, rb, one, years, w, errors, new ArrayList<>()); // a withheld year stays withheld
            if (!errors.isEmpty()) {
                throw new IllegalStateException("re-verification of " + uscc + " " + years + ": " + errors);
            }
            w.flush(c);
            return List.copyOf(w.sent);
        });
    }

    /**
     * The verification of the entities (of {@code onlyYears}, or every compliance year): a year with unit data is
     * verified on it; a year declared without emissions (or of a DISSOLVED entity, which needs no data) on no units;
     * a year with a pre-allocation and no data stays open (AWAITING_VERIFIED_DATA) and is named in {@code errors}.
     * The verification stage moves what the final position still needs beyond the pre-allocation stage; a year
     * computed from provisional values before their four-eyes release is stored and named in {@code withheldYears},
     * and nothing is issued for it.
     */
    private int verifyIn(Connection c, Rulebook rb, List<String> usccs, Set<Integer> onlyYears, RunWrites w,
                         List<EntityError> errors, List<EntityError> withheldYears) throws SQLException {
        AllocationEngine engine = new AllocationEngine(rb);
        Map<String, Subject> subjects = subjects(c, usccs);
        Map<String, List<UnitYearData>> data = unitData(c, rb.cycle(), usccs, null);
        Map<String, Instructed> instructed = instructed(c, rb.cycle(), usccs);
        Map<String, Published> published = published(c, rb.cycle(), usccs);
        Map<String, Long> preFigures = RunReads.preAllocations(c, rb.cycle(), usccs);
        Set<String> declared = RunReads.noEmissionsYears(c, rb.cycle(), usccs);
        Map<String, Long> owed = RunReads.owedToVintages(c, usccs, rb.vintages().allocation().value().values());
        List<String> confirmedBy = ProvisionalConfirmations.confirmers(c, rb);
        boolean provisionalReleased = FourEyesRelease.released(confirmedBy);
        int done = 0;
        for (String uscc : usccs) {
            Subject s = subjects.get(uscc);
            List<EntityYearAllocation> years = new ArrayList<>();
            List<Integer> awaiting = new ArrayList<>();
            try {
                for (int year : rb.complianceYears()) {
                    if (onlyYears != null && !onlyYears.contains(year)) {
                        continue;
                    }
                    String k = uscc + "|" + year;
                    List<UnitYearData> units = data.getOrDefault(k, List.of());
                    if (units.isEmpty() && !declared.contains(k)) {
                        if (!preFigures.containsKey(k)) {
                            continue; // nothing computed for that year yet: nothing to verify
                        }
                        if (s.status() != EntityStatus.DISSOLVED) {
                            awaiting.add(year);
                            continue;
                        }
                    }
                    Instructed pre = instructed.getOrDefault(key(uscc, year, IssuanceStage.PRE_ALLOCATION.name()),
                            new Instructed());
                    years.add(engine.verify(uscc, s.status(), year, units,
                            new PreAllocationPosition(preFigures.getOrDefault(k, 0L), pre.net),
                            owed.getOrDefault(uscc + "|" + rb.allocationVintage(year), 0L)));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new EntityError(uscc, e.getMessage()));
                continue;
            }
            for (EntityYearAllocation a : years) {
                // a figure from provisional values is computed and shown, but issued only after four eyes
                boolean withheld = !provisionalReleased && !a.provisionalValues().isEmpty();
                if (withheld) {
                    withheldYears.add(new EntityError(uscc, a.year(), FourEyesRelease.withheld(rb.ref().toString(),
                            a.provisionalValues(), confirmedBy)));
                } else {
                    w.instruct(s, a.year(), a.vintage(), IssuanceStage.VERIFICATION.name(), a.instructions(),
                            instructed.computeIfAbsent(key(uscc, a.year(), IssuanceStage.VERIFICATION.name()),
                                    k -> new Instructed()));
                }
                w.replaceUnits(uscc, a.year(), IssuanceStage.VERIFICATION);
                for (UnitAllowance u : a.units()) {
                    w.unit(uscc, a.year(), IssuanceStage.VERIFICATION, u, null, null);
                }
                Published before = published.get(uscc + "|" + a.year());
                boolean changed = before == null || before.obligationT() == null
                        || before.obligationT() != a.obligationT()
                        || !Boolean.valueOf(a.obligationExempt()).equals(before.exempt())
                        || !a.status().name().equals(before.status());
                if (changed) {
                    w.obligation(s, a);
                }
                w.verifiedYear(s, a, withheld);
            }
            for (int year : awaiting) {
                w.awaitingVerifiedData(s, year);
                errors.add(new EntityError(uscc, year, AWAITING_VERIFIED_DATA + ": pre-allocated and no verified unit"
                        + " data for " + year + "; import the year's data (a later verification run verifies it) or"
                        + " declare that the units emitted nothing (POST …/years/" + year + "/no-emissions)"));
            }
            done++;
        }
        return done;
    }

    /** The state of an entity-year that has a pre-allocation and no verified unit data. */
    public static final String AWAITING_VERIFIED_DATA = "AWAITING_VERIFIED_DATA";

    /**
     * Issues an approved relief (纾困) advance for an entity-year: an instruction of stage RELIEF, in the caller's
     * transaction; returns its id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issueRelief(Rulebook rb, String uscc, int year, Destination destination, long quantityT, String rule,
                              String by) {
        return jdbc.work(c -> {
            List<String> one = List.of(uscc);
            lock(c, rb.cycle(), one);
            Subject s = subjects(c, one).get(uscc);
            Instructed before = instructed(c, rb.cycle(), one).getOrDefault(key(uscc, year, RELIEF), new Instructed());
            RunWrites w = new RunWrites(outbox, json, rb, null, by, Instant.now());
            w.send(s, year, rb.allocationVintage(year), RELIEF,
                    List.of(new InstructionDelta.Planned(destination, InstructionKind.ISSUE, quantityT, rule)), before);
            w.flush(c);
            return (String) w.instructions.get(0)[0];
        });
    }

    /** The stage of relief advances (AllocationInstruction.stage). */
    public static final String RELIEF = "RELIEF";

}
