package cn.carbon.allocation.issuance;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.tables.OfficialTables;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.RulebookRef;
import cn.carbon.allocation.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads an entity's computed allocation back, as stored by the runs (no recomputation). */
@ApplicationScoped
public class AllocationViews {

    private final Jdbc jdbc;

    public AllocationViews(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public EntityAllocation entity(Rulebook rb, KeyEmittingEntity e) {
        String cycle = rb.cycle();
        return jdbc.work(c -> {
            Map<Integer, EntityAllocation.PreAllocation> pre = new HashMap<>();
            Map<Integer, EntityAllocation.Verification> ver = new HashMap<>();
            Map<Integer, String> vintages = new HashMap<>();
            Map<Integer, Boolean> awaiting = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select * from entity_year_allocation where cycle = ? and uscc = ?")) {
                Jdbc.bind(ps, cycle, e.uscc);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int year = rs.getInt("year");
                        vintages.put(year, rs.getString("vintage"));
                        awaiting.put(year, rs.getTimestamp("awaiting_verified_data_at") != null);
                        if (rs.getString("pre_rulebook_id") != null) {
                            pre.put(year, new EntityAllocation.PreAllocation(
                                    new RulebookRef(rs.getString("pre_rulebook_id"), rs.getInt("pre_rulebook_version")),
                                    rs.getString("pre_status"), rs.getInt("pre_units"), rs.getLong("pre_computed_t"),
                                    rs.getLong("pre_allocated_t"), rs.getString("pre_withheld_reason"),
                                    Jdbc.instant(rs.getTimestamp("pre_computed_at"))));
                        }
                        if (rs.getString("ver_rulebook_id") != null) {
                            ver.put(year, verification(rs));
                        }
                    }
                }
            }
            Map<Integer, Map<String, EntityAllocation.Figures[]>> units = units(c, cycle, e.uscc);
            Map<Integer, List<EntityAllocation.Instruction>> instructions = instructions(c, cycle, e.uscc);
            Map<Integer, long[]> advances = advances(c, cycle, e.uscc);
            Map<Integer, EntityAllocation.NoEmissions> declared = declarations(c, cycle, e.uscc);
            boolean dissolved = e.status == EntityStatus.DISSOLVED;
            List<EntityAllocation.Year> years = new ArrayList<>();
            for (int year : rb.complianceYears()) {
                EntityAllocation.Verification v = ver.get(year);
                List<EntityAllocation.Instruction> is = instructions.getOrDefault(year, List.of());
                long issued = is.stream().mapToLong(i -> "ISSUE".equals(i.kind()) ? i.quantityT() : -i.quantityT()).sum();
                List<EntityAllocation.Unit> us = units.getOrDefault(year, Map.of()).entrySet().stream()
                        .map(u -> new EntityAllocation.Unit(u.getKey(), u.getValue()[1], u.getValue()[0])).toList();
                long[] adv = advances.getOrDefault(year, new long[2]);
                EntityAllocation.NoEmissions none = declared.get(year);
                String state = none != null ? NO_EMISSIONS_DECLARED : v != null ? VERIFIED
                        : Boolean.TRUE.equals(awaiting.get(year)) ? AllocationRuns.AWAITING_VERIFIED_DATA
                        : pre.containsKey(year) ? PRE_ALLOCATED : NOT_COMPUTED;
                years.add(new EntityAllocation.Year(year, vintages.getOrDefault(year, rb.allocationVintage(year)),
                        pre.get(year), v, issued, v == null ? null : v.obligationT(), v == null ? null : v.destination(),
                        adv[0], adv[1], us, is, state, none, dissolved ? OfficialTables.NOT_ISSUED : null));
            }
            return new EntityAllocation(cycle, e.uscc, e.name, e.provinceCode, e.status.name(), e.reasons(),
                    e.specialNote, years);
        });
    }

    public static final String VERIFIED = "VERIFIED";
    public static final String NO_EMISSIONS_DECLARED = "NO_EMISSIONS_DECLARED";
    public static final String PRE_ALLOCATED = "PRE_ALLOCATED";
    public static final String NOT_COMPUTED = "NOT_COMPUTED";

    private static Map<Integer, EntityAllocation.NoEmissions> declarations(Connection c, String cycle, String uscc)
            throws SQLException {
        Map<Integer, EntityAllocation.NoEmissions> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select year, reason, declared_by, declared_at from no_emissions_declaration
                where cycle = ? and uscc = ?""")) {
            Jdbc.bind(ps, cycle, uscc);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), new EntityAllocation.NoEmissions(rs.getString(2), rs.getString(3),
                            Jdbc.instant(rs.getTimestamp(4))));
                }
            }
        }
        return out;
    }

    /** The stored verification of one entity-year, if it was verified. */
    @Transactional
    public java.util.Optional<EntityAllocation.Verification> verified(String cycle, String uscc, int year) {
        return jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select * from entity_year_allocation where cycle = ? and uscc = ? and year = ?
                    and verified_at is not null""")) {
                Jdbc.bind(ps, cycle, uscc, year);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(verification(rs)) : java.util.Optional.empty();
                }
            }
        });
    }

    private static EntityAllocation.Verification verification(ResultSet rs) throws SQLException {
        return new EntityAllocation.Verification(
                new RulebookRef(rs.getString("ver_rulebook_id"), rs.getInt("ver_rulebook_version")),
                rs.getString("ver_status"), rs.getInt("ver_units"), rs.getLong("verified_emissions_t"),
                rs.getLong("verified_allocation_t"), rs.getLong("gas_relief_t"), rs.getLong("gas_obligation_reduction_t"),
                rs.getLong("floor_t"), rs.getLong("floor_relief_t"),
                rs.getLong("gas_relief_t") + rs.getLong("floor_relief_t"), rs.getLong("issued_t"),
                rs.getLong("pre_allocated_issued_t"), rs.getLong("true_up_t"), rs.getLong("obligation_t"),
                rs.getBoolean("obligation_exempt"), rs.getLong("gap_t"), rs.getLong("ccer_cap_t"),
                rs.getBoolean("borrowing_eligible"), rs.getLong("borrowing_ceiling_t"), rs.getString("destination"),
                rs.getBoolean("special_listed"), Jdbc.instant(rs.getTimestamp("verified_at")),
                paths(rs.getString("provisional_values")), rs.getBoolean("issuance_withheld"),
                rs.getLong("owed_from_earlier_cycles_t"), rs.getLong("deducted_t"));
    }

    /** Stored provisional paths ("; "-separated, null for none) as a list. */
    static List<String> paths(String stored) {
        return stored == null ? List.of() : List.of(stored.split("; "));
    }

    /** year → unit → {pre-allocation figures, verification figures}. */
    private static Map<Integer, Map<String, EntityAllocation.Figures[]>> units(Connection c, String cycle, String uscc)
            throws SQLException {
        Map<Integer, Map<String, EntityAllocation.Figures[]>> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select * from unit_allowance where cycle = ? and uscc = ? order by year, unit_id, stage")) {
            Jdbc.bind(ps, cycle, uscc);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EntityAllocation.Figures f = new EntityAllocation.Figures(
                            new RulebookRef(rs.getString("rulebook_id"), rs.getInt("rulebook_version")),
                            rs.getInt("data_year"),
                            new EntityAllocation.Inputs(rs.getString("category"), rs.getString("cooling"),
                                    rs.getBigDecimal("capacity_mw"), rs.getBigDecimal("power_supply_mwh"),
                                    rs.getBigDecimal("heat_supply_gj"), rs.getBigDecimal("heat_ratio"),
                                    rs.getBigDecimal("load_factor"), rs.getLong("verified_emissions_t"),
                                    rs.getBigDecimal("power_generation_mwh"), rs.getBigDecimal("product_output_t")),
                            rs.getBigDecimal("supply_benchmark"), rs.getBigDecimal("heat_benchmark"),
                            new EntityAllocation.Factor(rs.getBigDecimal("cooling_factor"), rs.getString("cooling_basis")),
                            new EntityAllocation.Factor(rs.getBigDecimal("heat_supply_factor"),
                                    rs.getString("heat_supply_basis")),
                            new EntityAllocation.Factor(rs.getBigDecimal("load_correction"), rs.getString("load_basis")),
                            rs.getBigDecimal("supply_part"), rs.getBigDecimal("heat_part"), rs.getBigDecimal("unrounded"),
                            rs.getLong("allowance_t"), rs.getBigDecimal("pre_share"),
                            Jdbc.nullableLong(rs, "pre_allocated_t"), rs.getString("output_basis"),
                            paths(rs.getString("provisional_values")), rs.getBigDecimal("intensity_benchmark"),
                            rs.getBigDecimal("balance_coefficient"));
                    int slot = "PRE_ALLOCATION".equals(rs.getString("stage")) ? 0 : 1;
                    out.computeIfAbsent(rs.getInt("year"), y -> new TreeMap<>())
                            .computeIfAbsent(rs.getString("unit_id"), u -> new EntityAllocation.Figures[2])[slot] = f;
                }
            }
        }
        return out;
    }

    private static Map<Integer, List<EntityAllocation.Instruction>> instructions(Connection c, String cycle, String uscc)
            throws SQLException {
        Map<Integer, List<EntityAllocation.Instruction>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select * from allocation_instruction where cycle = ? and uscc = ? order by year, created_at, stage, seq")) {
            Jdbc.bind(ps, cycle, uscc);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getInt("year"), y -> new ArrayList<>()).add(new EntityAllocation.Instruction(
                            rs.getString("instruction_id"), rs.getString("stage"), rs.getString("kind"),
                            rs.getString("destination"), rs.getLong("quantity_t"),
                            new RulebookRef(rs.getString("rulebook_id"), rs.getInt("rulebook_version")),
                            rs.getString("rule"), Jdbc.instant(rs.getTimestamp("created_at"))));
                }
            }
        }
        return out;
    }

    /** year → {approved borrowing, approved relief}. */
    private static Map<Integer, long[]> advances(Connection c, String cycle, String uscc) throws SQLException {
        Map<Integer, long[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select compliance_year, 0 as slot, sum(approved_t) from borrowing_application
                where cycle = ? and uscc = ? and status = 'APPROVED' group by compliance_year
                union all
                select compliance_year, 1 as slot, sum(approved_t) from relief_application
                where cycle = ? and uscc = ? and status = 'APPROVED' group by compliance_year""")) {
            Jdbc.bind(ps, cycle, uscc, cycle, uscc);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getInt(1), y -> new long[2])[rs.getInt(2)] = rs.getLong(3);
                }
            }
        }
        return out;
    }
}
