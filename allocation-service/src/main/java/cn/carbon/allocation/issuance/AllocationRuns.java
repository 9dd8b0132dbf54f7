package cn.carbon.allocation.issuance;

import cn.carbon.allocation.engine.AllocationEngine;
import cn.carbon.allocation.engine.AppliedFactor;
import cn.carbon.allocation.engine.Destination;
import cn.carbon.allocation.engine.EntityPreAllocation;
import cn.carbon.allocation.engine.EntityYearAllocation;
import cn.carbon.allocation.engine.InstructionKind;
import cn.carbon.allocation.engine.IssuanceInstruction;
import cn.carbon.allocation.engine.IssuanceStage;
import cn.carbon.allocation.engine.PreAllocationYear;
import cn.carbon.allocation.engine.UnitAllowance;
import cn.carbon.allocation.engine.UnitPreAllocation;
import cn.carbon.allocation.engine.UnitYearData;
import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.allocation.rulebook.Cooling;
import cn.carbon.allocation.rulebook.Rulebook;
import cn.carbon.allocation.support.Copy;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.allocation.messaging.OutboxBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Computes one chunk of entities of a pre-allocation or verification run with the engine, stores every figure per
 * unit and per entity-year with the rulebook version it used, and sends the registry only what it was not told yet
 * ({@link InstructionDelta}), each instruction with a deterministic id {@code <uscc>-<year>-<stage>-<seq>}, through
 * the outbox, in the chunk's transaction. A year that is verified keeps its pre-allocation: after 核定 only the
 * true-up moves allowances (RULES.md §4.6).
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

    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record EntityError(String uscc, String message) {
    }

    static final List<String> UNIT_COLUMNS = List.of("cycle", "uscc", "unit_id", "year", "stage", "rulebook_id",
            "rulebook_version", "data_year", "category", "cooling", "capacity_mw", "power_supply_mwh", "heat_supply_gj",
            "heat_ratio", "load_factor", "verified_emissions_t", "supply_benchmark", "heat_benchmark", "cooling_factor",
            "cooling_basis", "heat_supply_factor", "heat_supply_basis", "load_correction", "load_basis", "supply_part",
            "heat_part", "unrounded", "allowance_t", "pre_share", "pre_allocated_t", "job_id", "computed_at");

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
            Writes w = new Writes(rb, jobId, by, now);
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
            Instant now = Instant.now();
            AllocationEngine engine = new AllocationEngine(rb);
            Map<String, Subject> subjects = subjects(c, usccs);
            Map<String, List<UnitYearData>> data = unitData(c, rb.cycle(), usccs, null);
            Map<String, Instructed> instructed = instructed(c, rb.cycle(), usccs);
            Map<String, Published> published = published(c, rb.cycle(), usccs);
            Writes w = new Writes(rb, jobId, by, now);
            int done = 0;
            List<EntityError> errors = new ArrayList<>();
            for (String uscc : usccs) {
                Subject s = subjects.get(uscc);
                List<EntityYearAllocation> years = new ArrayList<>();
                try {
                    for (int year : rb.complianceYears()) {
                        List<UnitYearData> units = data.getOrDefault(uscc + "|" + year, List.of());
                        if (units.isEmpty()) {
                            continue;
                        }
                        long preIssued = instructed.getOrDefault(key(uscc, year, IssuanceStage.PRE_ALLOCATION.name()),
                                new Instructed()).total();
                        years.add(engine.verify(uscc, s.status(), year, units, preIssued));
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new EntityError(uscc, e.getMessage()));
                    continue;
                }
                for (EntityYearAllocation a : years) {
                    w.instruct(s, a.year(), a.vintage(), IssuanceStage.VERIFICATION.name(), a.instructions(),
                            instructed.computeIfAbsent(key(uscc, a.year(), IssuanceStage.VERIFICATION.name()),
                                    k -> new Instructed()));
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
                    w.verifiedYear(s, a);
                }
                done++;
            }
            w.flush(c);
            return w.outcome(c, done, errors, 0, progress);
        });
    }

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
            Writes w = new Writes(rb, null, by, Instant.now());
            w.send(s, year, rb.allocationVintage(year), RELIEF,
                    List.of(new InstructionDelta.Planned(destination, InstructionKind.ISSUE, quantityT, rule)), before);
            w.flush(c);
            return (String) w.instructions.get(0)[0];
        });
    }

    /** The stage of relief advances (AllocationInstruction.stage). */
    public static final String RELIEF = "RELIEF";

    // ---- reads -----------------------------------------------------------------------------------------------------

    /**
     * Locks the chunk's entities for the transaction (in USCC order), so that two runs never compute the same entity
     * at once (across replicas too) and its instruction sequence numbers never collide; chunks of one run hold
     * disjoint entities and proceed in parallel.
     */
    private static void lock(Connection c, String cycle, List<String> usccs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select count(pg_advisory_xact_lock(hashtext(? || u)))
                from (select u from unnest(cast(? as varchar[])) u order by u) entities""")) {
            ps.setString(1, "allocation:" + cycle + ":");
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            ps.execute();
        }
    }

    private static Map<String, Subject> subjects(Connection c, List<String> usccs) throws SQLException {
        Map<String, Subject> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select uscc, province_code, status from key_emitting_entity where uscc = any (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Subject(rs.getString(1), rs.getString(2),
                            EntityStatus.valueOf(rs.getString(3))));
                }
            }
        }
        return out;
    }

    /** Unit data keyed by uscc (one year asked) or by uscc|year (all years). */
    private static Map<String, List<UnitYearData>> unitData(Connection c, String cycle, List<String> usccs, Integer year)
            throws SQLException {
        Map<String, List<UnitYearData>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select * from unit_year_data where cycle = ? and uscc = any (?)"
                + (year == null ? "" : " and year = ?") + " order by uscc, year, unit_id")) {
            ps.setString(1, cycle);
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            if (year != null) {
                ps.setInt(3, year);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UnitYearData d = new UnitYearData(rs.getString("unit_id"), rs.getInt("year"),
                            rs.getString("category"), Cooling.valueOf(rs.getString("cooling")),
                            rs.getBigDecimal("capacity_mw"), rs.getBigDecimal("power_supply_mwh"),
                            rs.getBigDecimal("heat_supply_gj"), rs.getBigDecimal("heat_ratio"),
                            rs.getBigDecimal("load_factor"), rs.getLong("verified_emissions_t"));
                    String k = year == null ? rs.getString("uscc") + "|" + d.year() : rs.getString("uscc");
                    out.computeIfAbsent(k, x -> new ArrayList<>()).add(d);
                }
            }
        }
        return out;
    }

    private static Map<String, Instructed> instructed(Connection c, String cycle, List<String> usccs)
            throws SQLException {
        Map<String, Instructed> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select uscc, year, stage, destination,
                       sum(case kind when 'ISSUE' then quantity_t else -quantity_t end) as net, max(seq) as last_seq
                from allocation_instruction where cycle = ? and uscc = any (?)
                group by uscc, year, stage, destination""")) {
            ps.setString(1, cycle);
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instructed i = out.computeIfAbsent(key(rs.getString(1), rs.getInt(2), rs.getString(3)),
                            k -> new Instructed());
                    i.net.merge(Destination.valueOf(rs.getString(4)), rs.getLong(5), Long::sum);
                    i.lastSeq = Math.max(i.lastSeq, rs.getInt(6));
                }
            }
        }
        return out;
    }

    private static Set<String> verifiedYears(Connection c, String cycle, List<String> usccs) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select uscc, year from entity_year_allocation
                where cycle = ? and uscc = any (?) and verified_at is not null""")) {
            ps.setString(1, cycle);
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "|" + rs.getInt(2));
                }
            }
        }
        return out;
    }

    private static Map<String, Published> published(Connection c, String cycle, List<String> usccs)
            throws SQLException {
        Map<String, Published> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select uscc, year, published_obligation_t, published_obligation_exempt, published_obligation_status
                from entity_year_allocation where cycle = ? and uscc = any (?)""")) {
            ps.setString(1, cycle);
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "|" + rs.getInt(2), new Published(Jdbc.nullableLong(rs, "published_obligation_t"),
                            Jdbc.nullableBoolean(rs, "published_obligation_exempt"), rs.getString(5)));
                }
            }
        }
        return out;
    }

    static String key(String uscc, int year, String stage) {
        return uscc + "|" + year + "|" + stage;
    }

    // ---- writes ----------------------------------------------------------------------------------------------------

    /** The chunk's writes, gathered and sent as batches; events go through the outbox after the rows. */
    private final class Writes {
        final Rulebook rb;
        final UUID jobId;
        final String by;
        final Instant now;
        final List<Object[]> unitDeletes = new ArrayList<>();
        final List<Object[]> units = new ArrayList<>();
        final List<Object[]> preYears = new ArrayList<>();
        final List<Object[]> verYears = new ArrayList<>();
        final List<Object[]> instructions = new ArrayList<>();
        final List<OutboxBatch.Entry> events = new ArrayList<>();
        int obligations;

        Writes(Rulebook rb, UUID jobId, String by, Instant now) {
            this.rb = rb;
            this.jobId = jobId;
            this.by = by;
            this.now = now;
        }

        void instruct(Subject s, int year, String vintage, String stage, List<IssuanceInstruction> target,
                      Instructed before) {
            send(s, year, vintage, stage, InstructionDelta.between(target, before.net), before);
        }

        void send(Subject s, int year, String vintage, String stage, List<InstructionDelta.Planned> planned,
                  Instructed before) {
            for (InstructionDelta.Planned p : planned) {
                int seq = ++before.lastSeq;
                before.net.merge(p.destination(), p.kind() == InstructionKind.ISSUE ? p.quantityT() : -p.quantityT(),
                        Long::sum);
                String id = s.uscc() + "-" + year + "-" + stage + "-" + seq;
                instructions.add(new Object[]{id, rb.cycle(), s.uscc(), s.provinceCode(), year, vintage, stage, seq,
                        p.kind().name(), p.destination().name(), p.quantityT(), rb.id(), rb.version(), p.rule(), jobId,
                        by, now});
                AllocationInstruction event = new AllocationInstruction(id, s.uscc(), s.provinceCode(), rb.cycle(),
                        year, vintage, p.quantityT(), p.destination().name(), stage, rb.id(), rb.version());
                events.add(new OutboxBatch.Entry(Topics.ALLOCATIONS, new EventEnvelope(UUID.randomUUID(),
                        p.kind() == InstructionKind.ISSUE ? AllocationInstruction.ISSUE : AllocationInstruction.CLAW_BACK,
                        SOURCE, now, s.uscc(), rb.cycle(), json.valueToTree(event))));
            }
        }

        void replaceUnits(String uscc, int year, IssuanceStage stage) {
            unitDeletes.add(new Object[]{uscc, year, stage.name()});
        }

        /** One statement for the chunk: the unit rows of every recomputed entity-year and stage go. */
        void replaced(Connection c) throws SQLException {
            if (unitDeletes.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    delete from unit_allowance where cycle = ? and (uscc, year, stage) in
                    (select * from unnest(cast(? as varchar[]), cast(? as int[]), cast(? as text[])))""")) {
                ps.setString(1, rb.cycle());
                ps.setArray(2, c.createArrayOf("varchar", unitDeletes.stream().map(d -> d[0]).toArray()));
                ps.setArray(3, c.createArrayOf("int4", unitDeletes.stream().map(d -> d[1]).toArray()));
                ps.setArray(4, c.createArrayOf("text", unitDeletes.stream().map(d -> d[2]).toArray()));
                ps.executeUpdate();
            }
        }

        void unit(String uscc, int year, IssuanceStage stage, UnitAllowance a, java.math.BigDecimal share,
                  Long preAllocatedT) {
            UnitYearData d = a.inputs();
            AppliedFactor fl = a.cooling();
            AppliedFactor fr = a.heatSupply();
            AppliedFactor ff = a.load();
            units.add(new Object[]{rb.cycle(), uscc, d.unitId(), year, stage.name(), rb.id(), rb.version(), d.year(),
                    d.category(), d.cooling().name(), d.capacityMw(), d.powerSupplyMwh(), d.heatSupplyGj(),
                    d.heatRatio(), d.loadFactor(), d.verifiedEmissionsT(), a.supplyBenchmark(), a.heatBenchmark(),
                    fl.value(), fl.basis(), fr.value(), fr.basis(), ff.value(), ff.basis(), a.supplyPart(),
                    a.heatPart(), a.unrounded(), a.allowanceT(), share, preAllocatedT, jobId, now});
        }

        void preYear(Subject s, PreAllocationYear y, EntityStatus status) {
            preYears.add(new Object[]{rb.cycle(), s.uscc(), y.year(), s.provinceCode(), y.vintage(), rb.id(),
                    rb.version(), status.name(), y.units().size(), y.computedT(), y.issuedT(), y.withheldReason(), now});
        }

        void verifiedYear(Subject s, EntityYearAllocation a) {
            verYears.add(new Object[]{rb.cycle(), s.uscc(), a.year(), s.provinceCode(), a.vintage(), rb.id(),
                    rb.version(), a.status().name(), a.units().size(), a.verifiedEmissionsT(), a.verifiedAllocationT(),
                    a.gasReliefT(), a.relief().gasObligationReductionT(), a.relief().floorT(), a.floorReliefT(),
                    a.issuedT(), a.preAllocatedIssuedT(), a.trueUpT(), a.obligationT(), a.obligationExempt(), a.gapT(),
                    a.ccerCapT(), a.borrowing().eligible(), a.borrowing().ceilingT(),
                    a.destination() == null ? null : a.destination().name(), a.specialListed(), now,
                    a.obligationT(), a.obligationExempt(), a.status().name()});
        }

        void obligation(Subject s, EntityYearAllocation a) {
            ObligationEvent event = new ObligationEvent(s.uscc(), s.provinceCode(), rb.cycle(), a.year(),
                    a.obligationT(), a.obligationExempt(), a.status().name(), rb.id(), rb.version());
            events.add(new OutboxBatch.Entry(Topics.OBLIGATIONS, new EventEnvelope(UUID.randomUUID(),
                    ObligationEvent.SET, SOURCE, now, s.uscc(), rb.cycle(), json.valueToTree(event))));
            obligations++;
        }

        void flush(Connection c) throws SQLException {
            replaced(c);
            Copy.into(c, "unit_allowance", UNIT_COLUMNS, units);
            batch(c, """
                    insert into entity_year_allocation (cycle, uscc, year, province_code, vintage, pre_rulebook_id,
                    pre_rulebook_version, pre_status, pre_units, pre_computed_t, pre_allocated_t, pre_withheld_reason,
                    pre_computed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (cycle, uscc, year) do update set province_code = excluded.province_code,
                    vintage = excluded.vintage, pre_rulebook_id = excluded.pre_rulebook_id,
                    pre_rulebook_version = excluded.pre_rulebook_version, pre_status = excluded.pre_status,
                    pre_units = excluded.pre_units, pre_computed_t = excluded.pre_computed_t,
                    pre_allocated_t = excluded.pre_allocated_t, pre_withheld_reason = excluded.pre_withheld_reason,
                    pre_computed_at = excluded.pre_computed_at""", preYears);
            batch(c, """
                    insert into entity_year_allocation (cycle, uscc, year, province_code, vintage, ver_rulebook_id,
                    ver_rulebook_version, ver_status, ver_units, verified_emissions_t, verified_allocation_t,
                    gas_relief_t, gas_obligation_reduction_t, floor_t, floor_relief_t, issued_t, pre_allocated_issued_t,
                    true_up_t, obligation_t, obligation_exempt, gap_t, ccer_cap_t, borrowing_eligible,
                    borrowing_ceiling_t, destination, special_listed, verified_at, published_obligation_t,
                    published_obligation_exempt, published_obligation_status)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (cycle, uscc, year) do update set province_code = excluded.province_code,
                    vintage = excluded.vintage, ver_rulebook_id = excluded.ver_rulebook_id,
                    ver_rulebook_version = excluded.ver_rulebook_version, ver_status = excluded.ver_status,
                    ver_units = excluded.ver_units, verified_emissions_t = excluded.verified_emissions_t,
                    verified_allocation_t = excluded.verified_allocation_t, gas_relief_t = excluded.gas_relief_t,
                    gas_obligation_reduction_t = excluded.gas_obligation_reduction_t, floor_t = excluded.floor_t,
                    floor_relief_t = excluded.floor_relief_t, issued_t = excluded.issued_t,
                    pre_allocated_issued_t = excluded.pre_allocated_issued_t, true_up_t = excluded.true_up_t,
                    obligation_t = excluded.obligation_t, obligation_exempt = excluded.obligation_exempt,
                    gap_t = excluded.gap_t, ccer_cap_t = excluded.ccer_cap_t,
                    borrowing_eligible = excluded.borrowing_eligible,
                    borrowing_ceiling_t = excluded.borrowing_ceiling_t, destination = excluded.destination,
                    special_listed = excluded.special_listed, verified_at = excluded.verified_at,
                    published_obligation_t = excluded.published_obligation_t,
                    published_obligation_exempt = excluded.published_obligation_exempt,
                    published_obligation_status = excluded.published_obligation_status""", verYears);
            Copy.into(c, "allocation_instruction", List.of("instruction_id", "cycle", "uscc", "province_code", "year",
                    "vintage", "stage", "seq", "kind", "destination", "quantity_t", "rulebook_id", "rulebook_version",
                    "rule", "job_id", "created_by", "created_at"), instructions);
            outbox.publish(events);
        }

        Outcome outcome(Connection c, int done, List<EntityError> errors, int skippedYears, Progress progress)
                throws SQLException {
            Outcome o = new Outcome(done, errors.size(), skippedYears, units.size(), instructions.size(), obligations,
                    errors);
            progress.record(c, o);
            return o;
        }
    }

    private static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                Jdbc.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
