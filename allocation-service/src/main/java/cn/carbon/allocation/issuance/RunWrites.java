package cn.carbon.allocation.issuance;

import cn.carbon.allocation.engine.AppliedFactor;
import cn.carbon.allocation.engine.EntityYearAllocation;
import cn.carbon.allocation.engine.InstructionKind;
import cn.carbon.allocation.engine.IssuanceInstruction;
import cn.carbon.allocation.engine.IssuanceStage;
import cn.carbon.allocation.engine.PreAllocationYear;
import cn.carbon.allocation.engine.UnitAllowance;
import cn.carbon.allocation.engine.UnitYearData;
import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.support.Copy;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.allocation.messaging.OutboxBatch;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A run's writes, gathered and sent as batches; events go through the outbox after the rows. */
final class RunWrites {

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

    private final OutboxBatch outbox;
    private final ObjectMapper json;
    /** The instructions sent, in order (what a re-route answers). */
    final List<SentInstruction> sent = new ArrayList<>();
    final List<Object[]> awaiting = new ArrayList<>();

    RunWrites(OutboxBatch outbox, ObjectMapper json, Rulebook rb, UUID jobId, String by, Instant now) {
        this.outbox = outbox;
        this.json = json;
        this.rb = rb;
        this.jobId = jobId;
        this.by = by;
        this.now = now;
    }

    void instruct(AllocationRuns.Subject s, int year, String vintage, String stage, List<IssuanceInstruction> target,
                  AllocationRuns.Instructed before) {
        send(s, year, vintage, stage, InstructionDelta.between(target, before.net), before);
    }

    void send(AllocationRuns.Subject s, int year, String vintage, String stage, List<InstructionDelta.Planned> planned,
              AllocationRuns.Instructed before) {
        for (InstructionDelta.Planned p : planned) {
            int seq = ++before.lastSeq;
            before.net.merge(p.destination(), p.kind() == InstructionKind.ISSUE ? p.quantityT() : -p.quantityT(),
                    Long::sum);
            String id = s.uscc() + "-" + year + "-" + stage + "-" + seq;
            sent.add(new SentInstruction(id, rb.cycle(), year, vintage, stage, p.kind().name(),
                    p.destination().name(), p.quantityT()));
            instructions.add(new Object[]{id, rb.cycle(), s.uscc(), s.provinceCode(), year, vintage, stage, seq,
                    p.kind().name(), p.destination().name(), p.quantityT(), rb.id(), rb.version(), p.rule(), jobId,
                    by, now});
            AllocationInstruction event = new AllocationInstruction(id, s.uscc(), s.provinceCode(), rb.cycle(),
                    year, vintage, p.quantityT(), p.destination().name(), stage, rb.id(), rb.version());
            events.add(new OutboxBatch.Entry(Topics.ALLOCATIONS, new EventEnvelope(UUID.randomUUID(),
                    p.kind() == InstructionKind.ISSUE ? AllocationInstruction.ISSUE : AllocationInstruction.CLAW_BACK,
                    AllocationRuns.SOURCE, now, s.uscc(), rb.cycle(), json.valueToTree(event))));
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
                d.category(), d.cooling() == null ? null : d.cooling().name(), d.capacityMw(), d.powerSupplyMwh(), d.heatSupplyGj(),
                d.heatRatio(), d.loadFactor(), d.verifiedEmissionsT(), a.supplyBenchmark(), a.heatBenchmark(),
                fl.value(), fl.basis(), fr.value(), fr.basis(), ff.value(), ff.basis(), a.supplyPart(),
                a.heatPart(), a.unrounded(), a.allowanceT(), share, preAllocatedT, jobId, now,
                d.powerGenerationMwh(), a.outputBasis().name(), provisional(a.provisional()), d.productOutputT(),
                a.intensity() == null ? null : a.intensity().intensityBenchmark(),
                a.intensity() == null ? null : a.intensity().balanceCoefficient()});
    }

    void preYear(AllocationRuns.Subject s, PreAllocationYear y, EntityStatus status) {
        preYears.add(new Object[]{rb.cycle(), s.uscc(), y.year(), s.provinceCode(), y.vintage(), rb.id(),
                rb.version(), status.name(), y.units().size(), y.computedT(), y.issuedT(), y.withheldReason(), now});
    }

    /** The provisional paths as stored: "; "-separated, null for none. */
    static String provisional(List<String> paths) {
        return paths.isEmpty() ? null : String.join("; ", paths);
    }

    void verifiedYear(AllocationRuns.Subject s, EntityYearAllocation a, boolean withheld) {
        verYears.add(new Object[]{rb.cycle(), s.uscc(), a.year(), s.provinceCode(), a.vintage(), rb.id(),
                rb.version(), a.status().name(), a.units().size(), a.verifiedEmissionsT(), a.verifiedAllocationT(),
                a.gasReliefT(), a.relief().gasObligationReductionT(), a.relief().floorT(), a.floorReliefT(),
                a.issuedT(), a.preAllocatedIssuedT(), a.trueUpT(), a.obligationT(), a.obligationExempt(), a.gapT(),
                a.ccerCapT(), a.borrowing().eligible(), a.borrowing().ceilingT(),
                a.destination() == null ? null : a.destination().name(), a.specialListed(), now,
                a.obligationT(), a.obligationExempt(), a.status().name(), provisional(a.provisionalValues()), withheld,
                a.owedFromEarlierCyclesT(), a.deductedT()});
    }

    void obligation(AllocationRuns.Subject s, EntityYearAllocation a) {
        ObligationEvent event = new ObligationEvent(s.uscc(), s.provinceCode(), rb.cycle(), a.year(),
                a.obligationT(), a.obligationExempt(), a.status().name(), rb.id(), rb.version());
        events.add(new OutboxBatch.Entry(Topics.OBLIGATIONS, new EventEnvelope(UUID.randomUUID(),
                ObligationEvent.SET, AllocationRuns.SOURCE, now, s.uscc(), rb.cycle(), json.valueToTree(event))));
        obligations++;
    }

    void flush(Connection c) throws SQLException {
        replaced(c);
        Copy.into(c, "unit_allowance", AllocationRuns.UNIT_COLUMNS, units);
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
                published_obligation_exempt, published_obligation_status, provisional_values, issuance_withheld,
                owed_from_earlier_cycles_t, deducted_t)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                published_obligation_status = excluded.published_obligation_status,
                provisional_values = excluded.provisional_values, issuance_withheld = excluded.issuance_withheld,
                owed_from_earlier_cycles_t = excluded.owed_from_earlier_cycles_t, deducted_t = excluded.deducted_t,
                awaiting_verified_data_at = null""", verYears);
        batch(c, """
                update entity_year_allocation set awaiting_verified_data_at = coalesce(awaiting_verified_data_at, ?)
                where cycle = ? and uscc = ? and year = ?""", awaiting);
        Copy.into(c, "allocation_instruction", List.of("instruction_id", "cycle", "uscc", "province_code", "year",
                "vintage", "stage", "seq", "kind", "destination", "quantity_t", "rulebook_id", "rulebook_version",
                "rule", "job_id", "created_by", "created_at"), instructions);
        outbox.publish(events);
    }

    /** An entity-year with a pre-allocation and no verified unit data: it stays open until data or a declaration. */
    void awaitingVerifiedData(AllocationRuns.Subject s, int year) {
        awaiting.add(new Object[]{now, rb.cycle(), s.uscc(), year});
    }

    AllocationRuns.Outcome outcome(Connection c, int done, List<AllocationRuns.EntityError> errors, int skippedYears,
                                   AllocationRuns.Progress progress) throws SQLException {
        // an entity-year awaiting data is listed, not counted as a failed entity
        int failed = (int) errors.stream().filter(e -> e.year() == null).count();
        AllocationRuns.Outcome o = new AllocationRuns.Outcome(done, failed, skippedYears, units.size(), instructions.size(), obligations,
                errors);
        progress.record(c, o);
        return o;
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
