package cn.carbon.allocation.issuance;

import cn.carbon.allocation.engine.Destination;
import cn.carbon.allocation.engine.UnitYearData;
import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Cooling;
import cn.carbon.allocation.support.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reads of a run: what it locks, the entities, their unit data and what earlier runs instructed and published. */
final class RunReads {

    private RunReads() {
    }

    /**
     * Locks the chunk's entities for the transaction (in USCC order), so that two runs never compute the same entity
     * at once (across replicas too) and its instruction sequence numbers never collide; chunks of one run hold
     * disjoint entities and proceed in parallel.
     */
    static void lock(Connection c, String cycle, List<String> usccs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select count(pg_advisory_xact_lock(hashtext(? || u)))
                from (select u from unnest(cast(? as varchar[])) u order by u) entities""")) {
            ps.setString(1, "allocation:" + cycle + ":");
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            ps.execute();
        }
    }

    static Map<String, AllocationRuns.Subject> subjects(Connection c, List<String> usccs) throws SQLException {
        Map<String, AllocationRuns.Subject> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select uscc, province_code, status from key_emitting_entity where uscc = any (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new AllocationRuns.Subject(rs.getString(1), rs.getString(2),
                            EntityStatus.valueOf(rs.getString(3))));
                }
            }
        }
        return out;
    }

    /** Unit data keyed by uscc (one year asked) or by uscc|year (all years). */
    static Map<String, List<UnitYearData>> unitData(Connection c, String cycle, List<String> usccs, Integer year)
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
                            rs.getString("category"),
                            rs.getString("cooling") == null ? null : Cooling.valueOf(rs.getString("cooling")),
                            rs.getBigDecimal("capacity_mw"), rs.getBigDecimal("power_supply_mwh"),
                            rs.getBigDecimal("heat_supply_gj"), rs.getBigDecimal("heat_ratio"),
                            rs.getBigDecimal("load_factor"), rs.getLong("verified_emissions_t"),
                            rs.getBigDecimal("power_generation_mwh"), rs.getBigDecimal("product_output_t"));
                    String k = year == null ? rs.getString("uscc") + "|" + d.year() : rs.getString("uscc");
                    out.computeIfAbsent(k, x -> new ArrayList<>()).add(d);
                }
            }
        }
        return out;
    }

    static Map<String, AllocationRuns.Instructed> instructed(Connection c, String cycle, List<String> usccs)
            throws SQLException {
        Map<String, AllocationRuns.Instructed> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select uscc, year, stage, destination,
                       sum(case kind when 'ISSUE' then quantity_t else -quantity_t end) as net, max(seq) as last_seq
                from allocation_instruction where cycle = ? and uscc = any (?)
                group by uscc, year, stage, destination""")) {
            ps.setString(1, cycle);
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AllocationRuns.Instructed i = out.computeIfAbsent(key(rs.getString(1), rs.getInt(2), rs.getString(3)),
                            k -> new AllocationRuns.Instructed());
                    i.net.merge(Destination.valueOf(rs.getString(4)), rs.getLong(5), Long::sum);
                    i.lastSeq = Math.max(i.lastSeq, rs.getInt(6));
                }
            }
        }
        return out;
    }

    static Set<String> verifiedYears(Connection c, String cycle, List<String> usccs) throws SQLException {
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

    static Map<String, AllocationRuns.Published> published(Connection c, String cycle, List<String> usccs)
            throws SQLException {
        Map<String, AllocationRuns.Published> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select uscc, year, published_obligation_t, published_obligation_exempt, published_obligation_status
                from entity_year_allocation where cycle = ? and uscc = any (?)""")) {
            ps.setString(1, cycle);
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "|" + rs.getInt(2), new AllocationRuns.Published(Jdbc.nullableLong(rs, "published_obligation_t"),
                            Jdbc.nullableBoolean(rs, "published_obligation_exempt"), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** The pre-allocation figure (share × base-year allowance, whatever the status) of every pre-allocated year. */
    static Map<String, Long> preAllocations(Connection c, String cycle, List<String> usccs) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select uscc, year, pre_computed_t from entity_year_allocation
                where cycle = ? and uscc = any (?) and pre_rulebook_id is not null""")) {
            ps.setString(1, cycle);
            ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "|" + rs.getInt(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /** The entity-years (uscc|year) the province declared without emissions. */
    static Set<String> noEmissionsYears(Connection c, String cycle, List<String> usccs) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select uscc, year from no_emissions_declaration where cycle = ? and uscc = any (?)")) {
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

    /**
     * What earlier cycles left owed to the allocations of {@code vintages} (uscc|vintage → t): approved borrowing and
     * relief advances, and uncured shortfalls still owed (RULES-2023-2025.md §3.5).
     */
    static Map<String, Long> owedToVintages(Connection c, List<String> usccs, Collection<String> vintages)
            throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select uscc, vintage, sum(quantity_t) from (
                    select uscc, vintage, quantity_t from next_allocation_deduction
                    where uscc = any (?) and vintage = any (?)
                    union all
                    select uscc, vintage, quantity_t from shortfall_line
                    where state = 'OWED' and uscc = any (?) and vintage = any (?)
                ) owed group by uscc, vintage""")) {
            Object[] u = usccs.toArray();
            Object[] v = vintages.toArray();
            ps.setArray(1, c.createArrayOf("varchar", u));
            ps.setArray(2, c.createArrayOf("text", v));
            ps.setArray(3, c.createArrayOf("varchar", u));
            ps.setArray(4, c.createArrayOf("text", v));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    static String key(String uscc, int year, String stage) {
        return uscc + "|" + year + "|" + stage;
    }
}
