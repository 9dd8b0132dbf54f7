package cn.carbon.allocation.units;

import cn.carbon.allocation.engine.AllocationEngine;
import cn.carbon.allocation.engine.UnitDataException;
import cn.carbon.allocation.engine.UnitYearData;
import cn.carbon.allocation.entity.Uscc;
import cn.carbon.contracts.rulebook.Cooling;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.support.Copy;
import cn.carbon.allocation.support.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The unit data import of API.md: CSV with exactly the header {@link #HEADER}, {@link #HEADER_WITH_GENERATION} or
 * {@link #HEADER_WITH_PRODUCT_OUTPUT}, read as a stream; all rows or none.
 * Each row is checked on its own (USCC check digit, category and cooling of the cycle's rulebook, year of the cycle,
 * ratios in [0, 1], numbers neither negative nor implausibly large, and whatever else the engine needs to compute the
 * unit), then across rows (a unit-year twice in the file) and against the register (an unknown entity, or one the
 * caller may not act on, is "unknown entity" and nothing more). Re-importing a unit-year replaces it and records the
 * old and new values in {@code unit_data_revision}.
 */
@ApplicationScoped
public class UnitDataImport {

    public static final List<String> HEADER = List.of("uscc", "unit_id", "year", "category", "cooling",
            "capacity_mw", "power_supply_mwh", "heat_supply_gj", "heat_ratio", "load_factor", "verified_emissions_t");
    /**
     * {@link #HEADER} with gross generation (发电量, what the benchmark multiplies from 2023) appended, so that files
     * of the first header still import unchanged.
     */
    public static final List<String> HEADER_WITH_GENERATION = concat(HEADER, "power_generation_mwh");
    /**
     * {@link #HEADER_WITH_GENERATION} with product output appended (t of crude steel, clinker or aluminium liquid, what
     * a line's intensity benchmark multiplies from 2025): required, > 0, on a line of an INTENSITY category, blank on
     * every other row.
     */
    public static final List<String> HEADER_WITH_PRODUCT_OUTPUT = concat(HEADER_WITH_GENERATION, "product_output_t");

    // bounds of the file format (catching unit mix-ups such as kWh for MWh), not rules of the notice
    static final BigDecimal MAX_CAPACITY_MW = new BigDecimal("10000");
    static final BigDecimal MAX_POWER_SUPPLY_MWH = new BigDecimal("100000000");
    static final BigDecimal MAX_HEAT_SUPPLY_GJ = new BigDecimal("1000000000");
    static final long MAX_EMISSIONS_T = 1_000_000_000L;
    static final BigDecimal MAX_PRODUCT_OUTPUT_T = new BigDecimal("1000000000");
    static final int MAX_ROWS = 200_000;
    static final int MAX_LISTED_ERRORS = 5_000;
    private static final Pattern UNIT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    private final Jdbc jdbc;
    private final ObjectMapper json;

    public UnitDataImport(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A row that passed every check of its own. */
    public record Row(int row, String uscc, UnitYearData data) {
        String key() {
            return uscc + "|" + data.unitId() + "|" + data.year();
        }
    }

    /** A file that passed every check: its rows and the SHA-256 of its bytes (for Idempotency-Key). */
    public record Checked(String cycle, List<Row> rows, String sha256) {
    }

    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record Result(UUID importId, String cycle, int rows, int inserted, int replaced, int unchanged,
                         int entities) {
    }

    /**
     * Reads and checks the whole file; throws {@link UnitDataRejected} naming every bad row. {@code province} is the
     * caller's province (its own entities only) or null for the registry.
     */
    @Transactional
    public Checked check(Rulebook rulebook, InputStream body, String province) {
        MessageDigest sha = sha256();
        List<UnitRowError> errors = new ArrayList<>();
        Set<Integer> badRows = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        AllocationEngine engine = new AllocationEngine(rulebook);
        try (Reader reader = new InputStreamReader(new DigestInputStream(body, sha), StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            CsvReader csv = new CsvReader(reader);
            List<String> header = csv.next();
            if (header != null && !header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1)); // a byte-order mark from a spreadsheet export
            }
            if (header == null || !header.equals(HEADER) && !header.equals(HEADER_WITH_GENERATION)
                    && !header.equals(HEADER_WITH_PRODUCT_OUTPUT)) {
                throw reject(List.of(new UnitRowError(0, null, "the header must be exactly "
                        + String.join(",", HEADER) + " (optionally followed by ,power_generation_mwh or by "
                        + ",power_generation_mwh,product_output_t)"
                        + (header == null ? " (the file is empty)" : ", was " + String.join(",", header)))));
            }
            int columns = header.size();
            int row = 0;
            List<String> cells;
            while ((cells = csv.next()) != null) {
                if (cells.isEmpty()) {
                    continue; // blank line
                }
                row++;
                if (row > MAX_ROWS) {
                    throw reject(List.of(new UnitRowError(row, null, "at most " + MAX_ROWS + " rows per import")));
                }
                List<UnitRowError> rowErrors = new ArrayList<>();
                Row parsed = parse(engine, row, cells, columns, rowErrors);
                if (rowErrors.isEmpty()) {
                    rows.add(parsed);
                } else {
                    badRows.add(row);
                    addCapped(errors, rowErrors);
                }
            }
        } catch (CharacterCodingException e) {
            throw reject(List.of(new UnitRowError(0, null, "the file must be UTF-8 text")));
        } catch (IOException e) {
            throw reject(List.of(new UnitRowError(0, null, "unreadable CSV: " + e.getMessage())));
        }
        if (rows.isEmpty() && badRows.isEmpty()) {
            throw reject(List.of(new UnitRowError(0, null, "the file has a header but no rows")));
        }
        checkAcrossRows(rows, errors, badRows);
        checkEntities(rows, province, errors, badRows);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(UnitRowError::row)
                    .thenComparingInt(e -> e.column() == null ? -1 : HEADER_WITH_PRODUCT_OUTPUT.indexOf(e.column())));
            throw new UnitDataRejected(errors, badRows.size(), errors.size() >= MAX_LISTED_ERRORS);
        }
        return new Checked(rulebook.cycle(), rows, HexFormat.of().formatHex(sha.digest()));
    }

    /** Stores checked rows: new unit-years inserted, changed ones replaced with a revision, equal ones left. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result store(Checked checked, String by, Instant at) {
        UUID importId = UUID.randomUUID();
        String cycle = checked.cycle();
        return jdbc.work(c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "units:" + cycle); // imports of a cycle one at a time: revisions see the true old values
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into unit_data_import (id, cycle, imported_by, imported_at, content_sha256, rows_total,
                    inserted, replaced, unchanged) values (?, ?, ?, ?, ?, ?, 0, 0, 0)""")) {
                Jdbc.bind(ps, importId, cycle, by, at, checked.sha256(), checked.rows().size());
                ps.executeUpdate();
            }
            Set<String> usccs = new LinkedHashSet<>();
            checked.rows().forEach(r -> usccs.add(r.uscc()));
            Map<String, Map<String, String>> existing = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select * from unit_year_data where cycle = ? and uscc = any (?)""")) {
                ps.setString(1, cycle);
                ps.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        existing.put(rs.getString("uscc") + "|" + rs.getString("unit_id") + "|" + rs.getInt("year"),
                                values(rs.getString("category"), rs.getString("cooling"), rs.getBigDecimal("capacity_mw"),
                                        rs.getBigDecimal("power_supply_mwh"), rs.getBigDecimal("heat_supply_gj"),
                                        rs.getBigDecimal("heat_ratio"), rs.getBigDecimal("load_factor"),
                                        rs.getLong("verified_emissions_t"), rs.getBigDecimal("power_generation_mwh"),
                                        rs.getBigDecimal("product_output_t")));
                    }
                }
            }
            int inserted = 0;
            int replaced = 0;
            int unchanged = 0;
            List<Object[]> inserts = new ArrayList<>();
            try (PreparedStatement update = c.prepareStatement("""
                         update unit_year_data set category = ?, cooling = ?, capacity_mw = ?, power_supply_mwh = ?,
                         heat_supply_gj = ?, heat_ratio = ?, load_factor = ?, verified_emissions_t = ?,
                         power_generation_mwh = ?, product_output_t = ?, import_id = ?
                         where cycle = ? and uscc = ? and unit_id = ? and year = ?""");
                 PreparedStatement revision = c.prepareStatement("""
                         insert into unit_data_revision (cycle, uscc, unit_id, year, import_id, revised_by, revised_at,
                         old_values, new_values) values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))""")) {
                for (Row r : checked.rows()) {
                    UnitYearData d = r.data();
                    Map<String, String> now = values(d);
                    Map<String, String> before = existing.get(r.key());
                    if (before == null) {
                        inserts.add(new Object[]{cycle, r.uscc(), d.unitId(), d.year(), d.category(), d.cooling(),
                                d.capacityMw(), d.powerSupplyMwh(), d.heatSupplyGj(), d.heatRatio(), d.loadFactor(),
                                d.verifiedEmissionsT(), d.powerGenerationMwh(), d.productOutputT(), importId});
                        inserted++;
                    } else if (before.equals(now)) {
                        unchanged++;
                    } else {
                        Jdbc.bind(update, d.category(), d.cooling(), d.capacityMw(), d.powerSupplyMwh(),
                                d.heatSupplyGj(), d.heatRatio(), d.loadFactor(), d.verifiedEmissionsT(),
                                d.powerGenerationMwh(), d.productOutputT(), importId, cycle,
                                r.uscc(), d.unitId(), d.year());
                        update.addBatch();
                        Jdbc.bind(revision, cycle, r.uscc(), d.unitId(), d.year(), importId, by, at, write(before),
                                write(now));
                        revision.addBatch();
                        replaced++;
                    }
                }
                Copy.into(c, "unit_year_data", List.of("cycle", "uscc", "unit_id", "year", "category", "cooling",
                        "capacity_mw", "power_supply_mwh", "heat_supply_gj", "heat_ratio", "load_factor",
                        "verified_emissions_t", "power_generation_mwh", "product_output_t", "import_id"), inserts);
                update.executeBatch();
                revision.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update unit_data_import set inserted = ?, replaced = ?, unchanged = ? where id = ?")) {
                Jdbc.bind(ps, inserted, replaced, unchanged, importId);
                ps.executeUpdate();
            }
            return new Result(importId, cycle, checked.rows().size(), inserted, replaced, unchanged, usccs.size());
        });
    }

    // ---- checks ---------------------------------------------------------------------------------------------------

    private Row parse(AllocationEngine engine, int row, List<String> cells, int columns, List<UnitRowError> errors) {
        Rulebook rb = engine.rulebook();
        if (cells.size() != columns) {
            errors.add(new UnitRowError(row, null, "has " + cells.size() + " columns, expected " + columns));
            return null;
        }
        Cells cell = new Cells(row, cells, errors);
        String uscc = cell.text("uscc");
        if (uscc != null) {
            Uscc.problem(uscc).ifPresent(p -> errors.add(new UnitRowError(row, "uscc", "not a valid USCC: " + p)));
        }
        String unitId = cell.text("unit_id");
        if (unitId != null && !UNIT_ID.matcher(unitId).matches()) {
            errors.add(new UnitRowError(row, "unit_id",
                    "must be 1-64 letters, digits and . _ / - (starting with a letter or digit)"));
            unitId = null;
        }
        Integer year = cell.integer("year");
        if (year != null && !rb.isComplianceYear(year)) {
            errors.add(new UnitRowError(row, "year", year + " is not a year of the cycle " + rb.cycle() + " "
                    + rb.complianceYears()));
            year = null;
        }
        String category = cell.text("category");
        if (category != null && rb.category(category).isEmpty()) {
            errors.add(new UnitRowError(row, "category", "unknown category '" + category + "'; one of "
                    + rb.categories().keySet()));
            category = null;
        }
        // a production line (steel, cement, aluminium: verified emissions or intensity) has no cooling, power or heat
        boolean line = category != null && !rb.category(category).orElseThrow().byBenchmark();
        boolean byOutput = category != null && rb.category(category).orElseThrow().byIntensity();
        Cooling cooling = null;
        String coolingText = line ? cell.raw("cooling") : cell.text("cooling");
        if (coolingText != null) {
            try {
                cooling = Cooling.valueOf(coolingText);
            } catch (IllegalArgumentException e) {
                errors.add(new UnitRowError(row, "cooling", "unknown cooling '" + coolingText + "'; one of "
                        + List.of(Cooling.values())));
            }
        }
        BigDecimal capacity = cell.optionalDecimal("capacity_mw", BigDecimal.ZERO, false, MAX_CAPACITY_MW);
        BigDecimal power = line ? zeroIfBlank(cell.optionalDecimal("power_supply_mwh", BigDecimal.ZERO, true,
                MAX_POWER_SUPPLY_MWH)) : cell.decimal("power_supply_mwh", BigDecimal.ZERO, true, MAX_POWER_SUPPLY_MWH);
        BigDecimal heat = line ? zeroIfBlank(cell.optionalDecimal("heat_supply_gj", BigDecimal.ZERO, true,
                MAX_HEAT_SUPPLY_GJ)) : cell.decimal("heat_supply_gj", BigDecimal.ZERO, true, MAX_HEAT_SUPPLY_GJ);
        BigDecimal heatRatio = line ? zeroIfBlank(cell.optionalDecimal("heat_ratio", BigDecimal.ZERO, true,
                BigDecimal.ONE)) : cell.decimal("heat_ratio", BigDecimal.ZERO, true, BigDecimal.ONE);
        BigDecimal loadFactor = cell.optionalDecimal("load_factor", BigDecimal.ZERO, true, BigDecimal.ONE);
        Long emissions = cell.wholeTonnes("verified_emissions_t");
        BigDecimal generation = columns == HEADER.size() ? null
                : cell.optionalDecimal("power_generation_mwh", BigDecimal.ZERO, true, MAX_POWER_SUPPLY_MWH);
        BigDecimal output = columns < HEADER_WITH_PRODUCT_OUTPUT.size() ? null
                : cell.optionalDecimal("product_output_t", BigDecimal.ZERO, false, MAX_PRODUCT_OUTPUT_T);
        if (category != null && !byOutput && columns == HEADER_WITH_PRODUCT_OUTPUT.size()
                && cell.raw("product_output_t") != null) {
            errors.add(new UnitRowError(row, "product_output_t", "must be blank: category " + category
                    + " is not allocated on its product output (" + rb.category(category).orElseThrow().method() + ")"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        UnitYearData data = new UnitYearData(unitId, year, category, cooling, capacity, power, heat, heatRatio,
                loadFactor, emissions, generation, output);
        try {
            engine.unitAllowance(year, data); // whatever else the engine needs (e.g. a load factor where it applies)
        } catch (UnitDataException e) {
            errors.add(new UnitRowError(row, column(e.field()), e.getMessage()));
            return null;
        }
        return new Row(row, uscc, data);
    }

    private static void checkAcrossRows(List<Row> rows, List<UnitRowError> errors, Set<Integer> badRows) {
        Map<String, Integer> first = new HashMap<>();
        for (Row r : rows) {
            Integer earlier = first.putIfAbsent(r.key(), r.row());
            if (earlier != null) {
                badRows.add(r.row());
                addCapped(errors, List.of(new UnitRowError(r.row(), "unit_id", "unit " + r.data().unitId() + " of "
                        + r.uscc() + " for " + r.data().year() + " is already on row " + earlier)));
            }
        }
    }

    private void checkEntities(List<Row> rows, String province, List<UnitRowError> errors, Set<Integer> badRows) {
        Set<String> usccs = new LinkedHashSet<>();
        rows.forEach(r -> usccs.add(r.uscc()));
        if (usccs.isEmpty()) {
            return;
        }
        Map<String, String> provinceOf = jdbc.work(c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select uscc, province_code from key_emitting_entity where uscc = any (?)")) {
                Array array = c.createArrayOf("varchar", usccs.toArray());
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
        for (Row r : rows) {
            String p = provinceOf.get(r.uscc());
            // another province's entity reads exactly as one that does not exist
            if (p == null || (province != null && !province.equals(p))) {
                badRows.add(r.row());
                addCapped(errors, List.of(new UnitRowError(r.row(), "uscc", "unknown entity " + r.uscc())));
            }
        }
    }

    private static void addCapped(List<UnitRowError> errors, List<UnitRowError> more) {
        for (UnitRowError e : more) {
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(e);
            }
        }
    }

    private static String column(String engineField) {
        return switch (engineField) {
            case "unitId" -> "unit_id";
            case "powerSupplyMwh" -> "power_supply_mwh";
            case "powerGenerationMwh" -> "power_generation_mwh";
            case "productOutputT" -> "product_output_t";
            case "heatSupplyGj" -> "heat_supply_gj";
            case "heatRatio" -> "heat_ratio";
            case "loadFactor" -> "load_factor";
            case "verifiedEmissionsT" -> "verified_emissions_t";
            default -> engineField;
        };
    }

    private static BigDecimal zeroIfBlank(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static List<String> concat(List<String> columns, String last) {
        List<String> all = new ArrayList<>(columns);
        all.add(last);
        return List.copyOf(all);
    }

    private static UnitDataRejected reject(List<UnitRowError> errors) {
        return new UnitDataRejected(errors, errors.size(), false);
    }

    /** The cells of one row, converted with an error per bad cell. */
    private static final class Cells {
        final int row;
        final List<String> cells;
        final List<UnitRowError> errors;

        Cells(int row, List<String> cells, List<UnitRowError> errors) {
            this.row = row;
            this.cells = cells;
            this.errors = errors;
        }

        String raw(String column) {
            String v = cells.get(HEADER_WITH_PRODUCT_OUTPUT.indexOf(column)).strip();
            return v.isEmpty() ? null : v;
        }

        String text(String column) {
            String v = raw(column);
            if (v == null) {
                errors.add(new UnitRowError(row, column, "is required"));
            }
            return v;
        }

        Integer integer(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                errors.add(new UnitRowError(row, column, "must be a whole number, was '" + v + "'"));
                return null;
            }
        }

        BigDecimal decimal(String column, BigDecimal min, boolean minIncluded, BigDecimal max) {
            return text(column) == null ? null : bounded(column, min, minIncluded, max);
        }

        BigDecimal optionalDecimal(String column, BigDecimal min, boolean minIncluded, BigDecimal max) {
            return raw(column) == null ? null : bounded(column, min, minIncluded, max);
        }

        private BigDecimal bounded(String column, BigDecimal min, boolean minIncluded, BigDecimal max) {
            String v = raw(column);
            BigDecimal d;
            try {
                d = new BigDecimal(v);
            } catch (NumberFormatException e) {
                errors.add(new UnitRowError(row, column, "must be a number, was '" + v + "'"));
                return null;
            }
            int c = d.compareTo(min);
            if (c < 0 || (c == 0 && !minIncluded) || d.compareTo(max) > 0) {
                errors.add(new UnitRowError(row, column, "must be " + (minIncluded ? "within [" : "within (")
                        + min.toPlainString() + ", " + max.toPlainString() + "], was " + v));
                return null;
            }
            return d;
        }

        Long wholeTonnes(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            try {
                long t = new BigDecimal(v).longValueExact();
                if (t < 0 || t > MAX_EMISSIONS_T) {
                    errors.add(new UnitRowError(row, column, "must be within [0, " + MAX_EMISSIONS_T + "] t, was " + v));
                    return null;
                }
                return t;
            } catch (NumberFormatException | ArithmeticException e) {
                errors.add(new UnitRowError(row, column, "must be whole tonnes, was '" + v + "'"));
                return null;
            }
        }
    }

    // ---- values for comparison and the revision record ------------------------------------------------------------

    private static Map<String, String> values(UnitYearData d) {
        return values(d.category(), d.cooling() == null ? null : d.cooling().name(), d.capacityMw(),
                d.powerSupplyMwh(), d.heatSupplyGj(),
                d.heatRatio(), d.loadFactor(), d.verifiedEmissionsT(), d.powerGenerationMwh(), d.productOutputT());
    }

    private static Map<String, String> values(String category, String cooling, BigDecimal capacity, BigDecimal power,
                                              BigDecimal heat, BigDecimal heatRatio, BigDecimal loadFactor,
                                              long emissions, BigDecimal generation, BigDecimal output) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("category", category);
        m.put("cooling", cooling);
        m.put("capacity_mw", plain(capacity));
        m.put("power_supply_mwh", plain(power));
        m.put("heat_supply_gj", plain(heat));
        m.put("heat_ratio", plain(heatRatio));
        m.put("load_factor", plain(loadFactor));
        m.put("verified_emissions_t", String.valueOf(emissions));
        m.put("power_generation_mwh", plain(generation));
        if (output != null) { // absent, not null, in the revisions of power units and of imports before it
            m.put("product_output_t", plain(output));
        }
        return m;
    }

    /** Scale-free, so that 0.8 and 0.80 compare equal. */
    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    private String write(Map<String, String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
