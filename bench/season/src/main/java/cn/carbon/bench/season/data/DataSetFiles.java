package cn.carbon.bench.season.data;

import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Year;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes a data set as plain CSV files (what the runner sends, and what it expects), and summarises it. */
public final class DataSetFiles {

    private DataSetFiles() {
    }

    public static void write(DataSet ds, Path dir) {
        try {
            Files.createDirectories(dir.resolve("units"));
            Files.createDirectories(dir.resolve("feeds"));
            try (PrintWriter w = writer(dir.resolve("entities.csv"))) {
                w.println("uscc,name,province_code,sector,status,reasons,plan,surrender_week,late_years,offsetter,borrower,"
                        + "status_after_pre_allocation,frozen");
                for (Entity e : ds.entities) {
                    w.println(String.join(",", e.uscc, e.name, e.provinceCode, e.sector, e.status,
                            String.join("|", e.reasons), e.plan.name(), String.valueOf(e.surrenderWeek),
                            e.lateYears.stream().sorted().map(String::valueOf).collect(Collectors.joining("|")),
                            String.valueOf(e.offsetter), String.valueOf(e.borrower),
                            String.valueOf(e.statusAfterPreAllocation), String.valueOf(e.frozen)));
                }
            }
            Map<String, List<DataSet.Unit>> byProvince = new TreeMap<>();
            for (Entity e : ds.entities) {
                byProvince.computeIfAbsent(e.provinceCode, p -> new java.util.ArrayList<>()).addAll(e.units);
            }
            for (Map.Entry<String, List<DataSet.Unit>> p : byProvince.entrySet()) {
                Files.writeString(dir.resolve("units").resolve(p.getKey() + ".csv"), unitsCsv(p.getValue()),
                        StandardCharsets.UTF_8);
            }
            try (PrintWriter w = writer(dir.resolve("expected.csv"))) {
                w.println("uscc,year,emissions_t,pre_allocated_t,verified_t,gas_relief_t,floor_relief_t,issued_t,"
                        + "obligation_t,exempt,gap_t,ccer_cap_t,borrowing_ceiling_t,account_t,custody_t,clawed_back_t,"
                        + "offset_t,borrowed_t,status,status_at_deadline,pre_issued_t,no_emissions,shortfall_at_deadline_t");
                for (Entity e : ds.entities) {
                    for (Year y : e.years.values()) {
                        w.println(String.join(",", e.uscc, String.valueOf(y.year), String.valueOf(y.emissionsT),
                                String.valueOf(y.preAllocatedT), String.valueOf(y.verifiedT), String.valueOf(y.gasReliefT),
                                String.valueOf(y.floorReliefT), String.valueOf(y.issuedT), String.valueOf(y.obligationT),
                                String.valueOf(y.exempt), String.valueOf(y.gapT), String.valueOf(y.ccerCapT),
                                String.valueOf(y.borrowingCeilingT), String.valueOf(y.accountT), String.valueOf(y.custodyT),
                                String.valueOf(y.clawedBackT), String.valueOf(y.offsetT), String.valueOf(y.borrowedT),
                                y.expectedStatus, y.expectedAtDeadline, String.valueOf(y.preIssuedT),
                                String.valueOf(y.noEmissions), String.valueOf(y.shortfallAtDeadlineT)));
                    }
                }
            }
            try (PrintWriter w = writer(dir.resolve("ccer-lots.csv"))) {
                w.println("lot_id,uscc,project_id,project_name,project_type,quantity_t,filed_on,first_cycle_cancelled_unused,"
                        + "cancellation_ref");
                for (DataSet.Lot l : ds.lots) {
                    w.println(String.join(",", l.lotId(), l.uscc(), l.projectId(), l.projectName(), l.projectType(),
                            String.valueOf(l.quantityT()), l.filedOn().toString(), String.valueOf(l.firstCycleCancelledUnused()),
                            l.cancellationRef() == null ? "" : l.cancellationRef()));
                }
            }
            try (PrintWriter w = writer(dir.resolve("offset-applications.csv"))) {
                w.println("uscc,compliance_year,lot_id,quantity_t");
                for (DataSet.OffsetApplication a : ds.offsets) {
                    for (DataSet.OffsetLine l : a.lines()) {
                        w.println(a.uscc() + "," + a.complianceYear() + "," + l.lotId() + "," + l.quantityT());
                    }
                }
            }
            try (PrintWriter w = writer(dir.resolve("borrowing.csv"))) {
                w.println("uscc,compliance_year,quantity_t,ceiling_t");
                for (DataSet.Borrowing b : ds.borrowings) {
                    w.println(b.uscc() + "," + b.complianceYear() + "," + b.quantityT() + "," + b.ceilingT());
                }
            }
            try (PrintWriter w = writer(dir.resolve("trades.csv"))) {
                w.println("trade_id,week,seller_uscc,buyer_uscc,vintage,quantity_t");
                for (DataSet.Trade t : ds.trades) {
                    w.println(String.join(",", t.tradeId(), t.week().toString(), t.sellerUscc(), t.buyerUscc(),
                            t.vintage(), String.valueOf(t.quantityT())));
                }
            }
            for (Map.Entry<java.time.LocalDate, List<DataSet.FeedRow>> f : ds.feeds.entrySet()) {
                Files.writeString(dir.resolve("feeds").resolve("week-" + f.getKey() + ".csv"), feedCsv(f.getValue()),
                        StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve("SUMMARY.txt"), summary(ds), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String unitsCsv(List<DataSet.Unit> units) {
        StringBuilder sb = new StringBuilder(DataSet.Unit.HEADER).append('\n');
        units.forEach(u -> sb.append(u.csv()).append('\n'));
        return sb.toString();
    }

    /** The rows of an annual year (2023 on): the header extended by gross generation. */
    public static String annualUnitsCsv(List<DataSet.Unit> units) {
        StringBuilder sb = new StringBuilder(DataSet.Unit.HEADER_WITH_GENERATION).append('\n');
        units.forEach(u -> sb.append(u.csvWithGeneration()).append('\n'));
        return sb.toString();
    }

    public static String feedCsv(List<DataSet.FeedRow> rows) {
        StringBuilder sb = new StringBuilder(DataSet.FeedRow.HEADER).append('\n');
        rows.forEach(r -> sb.append(r.csv()).append('\n'));
        return sb.toString();
    }

    public static String summary(DataSet ds) {
        StringBuilder sb = new StringBuilder();
        List<DataSet.Unit> units = ds.units();
        sb.append(String.format("data set: seed %d, scale %s, run %s, rulebook %s%n", ds.seed, ds.scale, ds.run,
                ds.rulebookRef));
        sb.append(String.format("  %d entities in %d provinces, %d units, %d unit-year rows%n", ds.entities.size(),
                ds.entities.stream().map(e -> e.provinceCode).distinct().count(),
                units.stream().map(u -> u.uscc() + "/" + u.unitId()).distinct().count(), units.size()));
        Map<String, Long> categories = units.stream().filter(u -> u.year() == 2021)
                .collect(Collectors.groupingBy(DataSet.Unit::category, TreeMap::new, Collectors.counting()));
        sb.append("  units of 2021 by category: ").append(categories).append('\n');
        Map<String, Long> statuses = ds.entities.stream()
                .collect(Collectors.groupingBy(e -> e.status, TreeMap::new, Collectors.counting()));
        sb.append("  entity status: ").append(statuses).append('\n');
        Map<DataSet.Plan, Long> plans = new EnumMap<>(DataSet.Plan.class);
        ds.entities.forEach(e -> plans.merge(e.plan, 1L, Long::sum));
        sb.append("  plans: ").append(plans).append('\n');
        long emissions = ds.entities.stream().flatMap(e -> e.years.values().stream()).mapToLong(y -> y.emissionsT).sum();
        long issued = ds.entities.stream().mapToLong(Entity::issuedTotal).sum();
        long floorEntities = ds.entities.stream().filter(e -> e.years.get(2021) != null && e.years.get(2021).floorReliefT > 0).count();
        sb.append(String.format("  verified emissions 2021+2022: %,d t; issued: %,d t; entities with floor relief in 2021: %d%n",
                emissions, issued, floorEntities));
        sb.append(String.format("  %d CCER lots, %d offset applications (%,d t); %d borrowings (%,d t); %d trades (%,d t); %d weekly feeds%n",
                ds.lots.size(), ds.offsets.size(), ds.offsets.stream().mapToLong(DataSet.OffsetApplication::quantityT).sum(),
                ds.borrowings.size(), ds.borrowings.stream().mapToLong(DataSet.Borrowing::quantityT).sum(),
                ds.trades.size(), ds.trades.stream().mapToLong(DataSet.Trade::quantityT).sum(), ds.feeds.size()));
        Map<String, Long> expected = new LinkedHashMap<>();
        ds.entities.forEach(e -> e.years.values().forEach(y -> expected.merge(y.year + " " + y.expectedStatus, 1L, Long::sum)));
        sb.append("  expected final statuses: ").append(new TreeMap<>(expected)).append('\n');
        sb.append(specialPaths(ds));
        return sb.toString();
    }

    /** Issue 12's paths: what the season does besides the common path, and what the next allocation is owed. */
    static String specialPaths(DataSet ds) {
        Map<String, Long> late = ds.entities.stream().filter(e -> e.statusAfterPreAllocation)
                .collect(Collectors.groupingBy(e -> e.status, TreeMap::new, Collectors.counting()));
        long retired = ds.entities.stream().filter(e -> e.years.values().stream().anyMatch(y -> y.noEmissions)).count();
        String frozen = ds.entities.stream().filter(e -> e.frozen).map(e -> e.uscc).findFirst().orElse("none");
        long shortYears = ds.entities.stream().flatMap(e -> e.years.values().stream())
                .filter(y -> y.shortfallAtDeadlineT > 0).count();
        long owed = ds.entities.stream().mapToLong(Consequences::owedT).sum();
        return String.format("  special statuses set after the pre-allocation: %s; %d entities with retired units (no 2022"
                        + " data); frozen account %s; late verification in %s; %d entity-years short at the deadline;"
                        + " carried over to 2023: %,d t%n", late, retired, frozen, ds.lateVerificationProvince, shortYears,
                owed);
    }

    private static PrintWriter writer(Path p) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8));
    }
}
