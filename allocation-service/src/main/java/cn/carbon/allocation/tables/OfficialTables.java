package cn.carbon.allocation.tables;

import cn.carbon.allocation.carryover.CarryOvers;
import cn.carbon.allocation.compliance.ComplianceRecords;
import cn.carbon.allocation.engine.DifferentiatedIssuance;
import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official tables of notice §五(三) and §一, from the stored allocation: the unit allowance table
 * (机组核定配额明细表), the issuance summary (核定配额实际发放汇总表) with the special-notes column, and the special
 * list (需特殊说明的事项). {@code province} null means every province (national roles).
 */
@ApplicationScoped
public class OfficialTables {

    private final Jdbc jdbc;
    private final ComplianceRecords compliance;

    public OfficialTables(Jdbc jdbc, ComplianceRecords compliance) {
        this.jdbc = jdbc;
        this.compliance = compliance;
    }

    public static final List<String> UNIT_COLUMNS = List.of("province", "uscc", "name", "unit_id", "year", "category",
            "cooling", "capacity_mw", "power_supply_mwh", "heat_supply_gj", "heat_ratio", "load_factor",
            "supply_benchmark", "heat_benchmark", "cooling_factor", "heat_supply_factor", "load_factor_correction",
            "allowance_t", "pre_allocated_t", "verified_emissions_t", "rulebook_id", "rulebook_version", "issuance",
            "power_generation_mwh", "output_basis", "provisional_values", "product_output_t", "intensity_benchmark",
            "balance_coefficient");

    /** The unit table's label of the engine's figure for a DISSOLVED entity: computed, never issued. */
    public static final String NOT_ISSUED = "未发放 (not issued): 注销 DISSOLVED";

    /** The special note of a DISSOLVED entity in the issuance summary. */
    public static final String DISSOLVED_NOTE = "注销: 不予分配、不参与履约 (dissolved: no allocation, no obligation)";

    /**
     * 机组核定配额明细表: every verified unit-year, with its inputs, factors, allowance and pre-allocation; a DISSOLVED
     * entity's units show the engine's figure labelled {@link #NOT_ISSUED} in {@code issuance}. The last columns say
     * what the benchmark multiplied (supply or generation) and which provisional values a figure used, then for a line
     * on the intensity method its product output, intensity benchmark and balance coefficient.
     */
    @Transactional
    public Table unitAllowances(Rulebook rb, String province, Integer year) {
        List<List<Object>> rows = jdbc.work(c -> {
            List<List<Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select e.province_code, v.uscc, e.name, v.unit_id, v.year, v.category, v.cooling, v.capacity_mw,
                           v.power_supply_mwh, v.heat_supply_gj, v.heat_ratio, v.load_factor, v.supply_benchmark,
                           v.heat_benchmark, v.cooling_factor, v.heat_supply_factor, v.load_correction, v.allowance_t,
                           p.pre_allocated_t, v.verified_emissions_t, v.rulebook_id, v.rulebook_version,
                           case when e.status = 'DISSOLVED' then ? end as issuance,
                           v.power_generation_mwh, v.output_basis, v.provisional_values, v.product_output_t,
                           v.intensity_benchmark, v.balance_coefficient
                    from unit_allowance v
                    join key_emitting_entity e on e.uscc = v.uscc
                    left join unit_allowance p on p.cycle = v.cycle and p.uscc = v.uscc and p.year = v.year
                         and p.stage = 'PRE_ALLOCATION' and p.unit_id = v.unit_id
                    where v.cycle = ? and v.stage = 'VERIFICATION'
                      and (cast(? as text) is null or e.province_code = ?)
                      and (cast(? as int) is null or v.year = ?)
                    order by e.province_code, v.uscc, v.unit_id, v.year""")) {
                Jdbc.bind(ps, NOT_ISSUED, rb.cycle(), province, province, year, year);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(UNIT_COLUMNS.size());
                        for (int i = 1; i <= UNIT_COLUMNS.size(); i++) {
                            Object v = rs.getObject(i);
                            row.add(v instanceof java.math.BigDecimal d ? d.stripTrailingZeros() : v);
                        }
                        out.add(row);
                    }
                }
            }
            return out;
        });
        return new Table("unit-allowances", "机组核定配额明细表 (unit allowance table) " + rb.cycle(), UNIT_COLUMNS, rows);
    }

    /** The summary's columns for the rulebook's years and borrowed vintage. */
    public static List<String> summaryColumns(Rulebook rb) {
        List<String> columns = new ArrayList<>(List.of("uscc", "name", "province", "status"));
        for (int y : rb.complianceYears()) {
            for (String c : List.of("pre_allocated_", "verified_", "relief_", "issued_", "obligation_")) {
                columns.add(c + y);
            }
        }
        columns.add("borrowed_" + CarryOvers.nextVintage(rb)); // 0 under a rulebook without borrowing
        columns.add("destination");
        columns.add("special_notes");
        return columns;
    }

    /** The summary's JSON-only columns: the registry's compliance status per year (not a column of the files). */
    public static List<String> summaryExtraColumns(Rulebook rb) {
        return rb.complianceYears().stream().map(y -> "compliance" + y).toList();
    }

    /**
     * 核定配额实际发放汇总表 per entity with any computed year: per year pre-allocated, verified (核定, before relief),
     * relief (gas + floor), issued (net of every instruction sent), obligation; borrowed (预支) next-cycle allowances;
     * the verification-stage destination; the special notes (需特殊说明). In JSON also each year's compliance status
     * as last reported on carbon.compliance.v1 (null before any record).
     */
    @Transactional
    public Table issuanceSummary(Rulebook rb, String province) {
        List<String> columns = summaryColumns(rb);
        List<String> extraColumns = summaryExtraColumns(rb);
        List<Integer> years = rb.complianceYears();
        Map<String, String> statuses = compliance.statuses(rb.cycle(), province);
        List<List<Object>> rows = jdbc.work(c -> {
            Map<String, Long> issued = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select uscc, year, sum(case kind when 'ISSUE' then quantity_t else -quantity_t end)
                    from allocation_instruction where cycle = ? and (cast(? as text) is null or province_code = ?)
                    group by uscc, year""")) {
                Jdbc.bind(ps, rb.cycle(), province, province);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        issued.put(rs.getString(1) + "|" + rs.getInt(2), rs.getLong(3));
                    }
                }
            }
            Map<String, Long> borrowed = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select uscc, sum(quantity_t) from next_allocation_deduction
                    where cycle = ? and source = 'BORROWING' group by uscc""")) {
                Jdbc.bind(ps, rb.cycle());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        borrowed.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            Map<String, List<Object>> byEntity = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select e.uscc, e.name, e.province_code, e.status, e.status_reasons, e.special_note, a.year,
                           a.pre_allocated_t, a.verified_allocation_t, a.gas_relief_t, a.floor_relief_t, a.obligation_t
                    from key_emitting_entity e join entity_year_allocation a on a.uscc = e.uscc and a.cycle = ?
                    where (cast(? as text) is null or e.province_code = ?)
                    order by e.province_code, e.uscc, a.year""")) {
                Jdbc.bind(ps, rb.cycle(), province, province);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String uscc = rs.getString("uscc");
                        List<Object> row = byEntity.computeIfAbsent(uscc, u -> {
                            try {
                                return newSummaryRow(rs, columns.size() + extraColumns.size(), years.size(),
                                        borrowed.getOrDefault(u, 0L));
                            } catch (java.sql.SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        int y = years.indexOf(rs.getInt("year"));
                        if (y < 0) {
                            continue;
                        }
                        int at = 4 + 5 * y;
                        // dissolved means nothing: 0 pre-allocated, 核定, relief and obligation, whenever it happened
                        boolean dissolved = EntityStatus.DISSOLVED.name().equals(rs.getString("status"));
                        Long pre = Jdbc.nullableLong(rs, "pre_allocated_t");
                        row.set(at, dissolved && pre != null ? Long.valueOf(0) : pre);
                        Long verified = Jdbc.nullableLong(rs, "verified_allocation_t");
                        row.set(at + 1, dissolved && verified != null ? Long.valueOf(0) : verified);
                        row.set(at + 2, verified == null ? null : dissolved ? 0
                                : rs.getLong("gas_relief_t") + rs.getLong("floor_relief_t"));
                        row.set(at + 3, issued.getOrDefault(uscc + "|" + rs.getInt("year"), 0L));
                        Long obligation = Jdbc.nullableLong(rs, "obligation_t");
                        row.set(at + 4, dissolved && obligation != null ? Long.valueOf(0) : obligation);
                    }
                }
            }
            byEntity.forEach((uscc, row) -> {
                for (int y = 0; y < years.size(); y++) {
                    row.set(columns.size() + y, statuses.get(ComplianceRecords.key(uscc, years.get(y))));
                }
            });
            return new ArrayList<>(byEntity.values());
        });
        return new Table("issuance-summary", "核定配额实际发放汇总表 (issuance summary) " + rb.cycle(), columns, rows,
                extraColumns);
    }

    private static List<Object> newSummaryRow(ResultSet rs, int width, int years, long borrowed)
            throws java.sql.SQLException {
        EntityStatus status = EntityStatus.valueOf(rs.getString("status"));
        List<Object> row = new ArrayList<>(Arrays.asList(new Object[width]));
        row.set(0, rs.getString("uscc"));
        row.set(1, rs.getString("name"));
        row.set(2, rs.getString("province_code"));
        row.set(3, status.name());
        row.set(4 + 5 * years, borrowed);
        row.set(5 + 5 * years, DifferentiatedIssuance.verificationDestination(status).map(Enum::name).orElse(null));
        row.set(6 + 5 * years, specialNotes(status, rs.getString("status_reasons"), rs.getString("special_note")));
        return row;
    }

    public static final List<String> SPECIAL_COLUMNS = List.of("uscc", "name", "province", "status", "reasons",
            "special_note", "destination", "obligation", "may_borrow", "status_changed_at", "status_changed_by", "why",
            "open_years");

    /**
     * 需特殊说明的事项: every special-situation entity (notice §一) with its note and its last status change, and every
     * entity with an open year ({@code open_years}: pre-allocated and awaiting verified data, or declared without
     * emissions with the reason).
     */
    @Transactional
    public Table specialList(Rulebook rb, String province) {
        List<List<Object>> rows = jdbc.work(c -> {
            List<List<Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select e.uscc, e.name, e.province_code, e.status, e.status_reasons, e.special_note,
                           s.changed_at, s.changed_by, s.why, o.open_years
                    from key_emitting_entity e
                    left join lateral (select changed_at, changed_by, why from entity_status_change
                                       where uscc = e.uscc order by id desc limit 1) s on true
                    left join lateral (select string_agg(y, '; ' order by y) as open_years from (
                        select a.year || ' AWAITING_VERIFIED_DATA' as y from entity_year_allocation a
                        where a.cycle = ? and a.uscc = e.uscc and a.awaiting_verified_data_at is not null
                          and a.verified_at is null
                        union all
                        select d.year || ' NO_EMISSIONS_DECLARED: ' || d.reason from no_emissions_declaration d
                        where d.cycle = ? and d.uscc = e.uscc) x) o on true
                    where (e.status <> 'OPERATING' or o.open_years is not null)
                      and (cast(? as text) is null or e.province_code = ?)
                    order by e.province_code, e.uscc""")) {
                Jdbc.bind(ps, rb.cycle(), rb.cycle(), province, province);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        EntityStatus status = EntityStatus.valueOf(rs.getString("status"));
                        java.sql.Timestamp at = rs.getTimestamp("changed_at");
                        out.add(Arrays.asList(rs.getString("uscc"), rs.getString("name"),
                                rs.getString("province_code"), status.name(), rs.getString("status_reasons"),
                                rs.getString("special_note"),
                                DifferentiatedIssuance.verificationDestination(status).map(Enum::name).orElse(null),
                                DifferentiatedIssuance.hasObligation(status) ? "VERIFIED_EMISSIONS" : "EXEMPT",
                                DifferentiatedIssuance.mayBorrow(status),
                                at == null ? null : at.toInstant().toString(), rs.getString("changed_by"),
                                rs.getString("why"), rs.getString("open_years")));
                    }
                }
            }
            return out;
        });
        return new Table("special-list", "需特殊说明的事项 (special list) " + rb.cycle(), SPECIAL_COLUMNS, rows);
    }

    /** The summary's special-notes cell: "需特殊说明" with the status (and reasons) for special entities, then the note. */
    static String specialNotes(EntityStatus status, String reasons, String note) {
        StringBuilder s = new StringBuilder();
        if (DifferentiatedIssuance.isSpecialListed(status)) {
            s.append("需特殊说明: ").append(status.name());
            if (reasons != null && !reasons.isBlank()) {
                s.append(" (").append(reasons).append(')');
            }
            if (status == EntityStatus.DISSOLVED) {
                s.append("; ").append(DISSOLVED_NOTE);
            }
        }
        if (note != null && !note.isBlank()) {
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(note);
        }
        return s.isEmpty() ? null : s.toString();
    }
}
