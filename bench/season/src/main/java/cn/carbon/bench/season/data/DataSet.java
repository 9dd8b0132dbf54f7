package cn.carbon.bench.season.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The synthetic national season: entities with their units and planned behaviour, CCER lots and offset applications,
 * borrowing, trades and weekly net-purchase feeds, and what every figure and status must be at the end (computed here
 * from the rulebook and the plan, independently of the services).
 */
public final class DataSet {

    /** What an entity does during the season; the final statuses follow from it and the figures. */
    public enum Plan {
        /** Surrenders both years in its week before the deadline (buying, selling, borrowing, offsetting as planned). */
        ON_TIME,
        /** Leaves {@link Entity#lateYears} open at the deadline, then asks, is confirmed and surrenders. */
        LATE,
        /** Surrenders what it holds (2021 first) and never buys: the rest stays open. */
        OVERDUE_PARTIAL,
        /** Does nothing at all. */
        OVERDUE_NONE,
        /** Special status: the province has custody forced-surrendered, the entity buys and completes the rest. */
        SPECIAL_COMPLETE,
        /** Special status: forced surrender of custody only; whatever it leaves stays short. */
        SPECIAL_SHORT,
        /** Licence cancelled (DISSOLVED) before the cycle's pre-allocation: nothing issued, nothing owed. */
        DISSOLVED
    }

    /**
     * One unit-year row as imported. {@code powerGenerationMwh} (gross generation, 发电量) only from 2023, where the
     * rulebook's benchmark multiplies it; an industrial line (allocated its verified emissions) has no cooling,
     * capacity, power or heat.
     */
    public record Unit(String uscc, String unitId, int year, String category, String cooling, BigDecimal capacityMw,
                       BigDecimal powerSupplyMwh, BigDecimal heatSupplyGj, BigDecimal heatRatio, BigDecimal loadFactor,
                       long verifiedEmissionsT, BigDecimal powerGenerationMwh) {

        public static final String HEADER = "uscc,unit_id,year,category,cooling,capacity_mw,power_supply_mwh,"
                + "heat_supply_gj,heat_ratio,load_factor,verified_emissions_t";
        /** The header of the annual years: the first one and gross generation. */
        public static final String HEADER_WITH_GENERATION = HEADER + ",power_generation_mwh";

        public Unit(String uscc, String unitId, int year, String category, String cooling, BigDecimal capacityMw,
                    BigDecimal powerSupplyMwh, BigDecimal heatSupplyGj, BigDecimal heatRatio, BigDecimal loadFactor,
                    long verifiedEmissionsT) {
            this(uscc, unitId, year, category, cooling, capacityMw, powerSupplyMwh, heatSupplyGj, heatRatio, loadFactor,
                    verifiedEmissionsT, null);
        }

        public String csv() {
            return String.join(",", uscc, unitId, String.valueOf(year), category, text(cooling), text(capacityMw),
                    text(powerSupplyMwh), text(heatSupplyGj), text(heatRatio), text(loadFactor),
                    String.valueOf(verifiedEmissionsT));
        }

        /** The row under {@link #HEADER_WITH_GENERATION}. */
        public String csvWithGeneration() {
            return csv() + "," + text(powerGenerationMwh);
        }

        private static String text(Object v) {
            return v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
        }
    }

    /** One compliance year of an entity as the rules make it (RULES.md §10), before anything the entity does. */
    public static final class Year {
        public int year;
        public long emissionsT;
        public long preAllocatedT;
        public long verifiedT;
        public long gasReliefT;
        public long floorReliefT;
        public long issuedT;
        public long obligationT;
        public boolean exempt;
        public long gapT;
        public long ccerCapT;
        public long borrowingCeilingT;
        /** where the allowances of this year's vintage end up after issuance and true-up */
        public long accountT;
        public long custodyT;
        public long clawedBackT;
        /** what the pre-allocation run issued, under the status the entity had then (issue 12: it may change later) */
        public long preIssuedT;
        /** the province declared that the units emitted nothing this year (no verified data): obligation 0 */
        public boolean noEmissions;
        // what the plan does
        public long offsetT;
        public long borrowedT;
        public String expectedStatus;
        public String expectedAtDeadline;
        /** what the year still lacked at the compliance deadline (0 when complied by then) */
        public long shortfallAtDeadlineT;
    }

    public static final class Entity {
        public int index;
        public String uscc;
        public String name;
        public String provinceCode;
        public String sector = "POWER";
        public String status = "OPERATING";
        public List<String> reasons = List.of();
        public String specialNote;
        public Plan plan;
        /** Monday of the week it surrenders its on-time years (null when it surrenders nothing before the deadline) */
        public LocalDate surrenderWeek;
        public Set<Integer> lateYears = Set.of();
        public List<Unit> units = new ArrayList<>();
        public Map<Integer, Year> years = new TreeMap<>();
        /** efficiency drawn for the entity: verified emissions over the core allocation */
        public double ratio;
        public boolean offsetter;
        public boolean borrower;
        /** issue 12: the special status is set after the pre-allocation (between it and the verification) */
        public boolean statusAfterPreAllocation;
        /** issue 12: the registry freezes its own account by a court order (four eyes) */
        public boolean frozen;

        /** The status the pre-allocation run saw. */
        public String statusAtPreAllocation() {
            return statusAfterPreAllocation ? "OPERATING" : status;
        }

        public long issuedTotal() {
            return years.values().stream().mapToLong(y -> y.issuedT).sum();
        }

        public long obligationTotal() {
            return years.values().stream().mapToLong(y -> y.obligationT).sum();
        }

        public long offsetTotal() {
            return years.values().stream().mapToLong(y -> y.offsetT).sum();
        }

        public long borrowedTotal() {
            return years.values().stream().mapToLong(y -> y.borrowedT).sum();
        }

        /** Allowances it still has to find on the market (negative: what it has to spare). */
        public long deficitT() {
            return obligationTotal() - offsetTotal() - borrowedTotal() - issuedTotal();
        }
    }

    public record Lot(String lotId, String uscc, String projectId, String projectName, String projectType,
                      long quantityT, LocalDate filedOn, boolean firstCycleCancelledUnused, String cancellationRef) {
    }

    public record OffsetLine(String lotId, long quantityT, String firstCycleEvidence) {
    }

    public record OffsetApplication(String uscc, int complianceYear, List<OffsetLine> lines) {
        public long quantityT() {
            return lines.stream().mapToLong(OffsetLine::quantityT).sum();
        }
    }

    public record Borrowing(String uscc, int complianceYear, long quantityT, long ceilingT, String reason) {
    }

    /** A settled trade of the exchange, in the week (Monday) it settles. */
    public record Trade(String tradeId, LocalDate week, String sellerUscc, String buyerUscc, String vintage,
                        long quantityT) {
    }

    public record FeedRow(String uscc, LocalDate weekStart, LocalDate weekEnd, long boughtT, long soldT) {
        public static final String HEADER = "uscc,week_start,week_end,bought_t,sold_t";

        public String csv() {
            return uscc + "," + weekStart + "," + weekEnd + "," + boughtT + "," + soldT;
        }
    }

    public final long seed;
    public final double scale;
    public final String run;
    public final String rulebookRef;
    public final String cycle;
    public final List<Entity> entities = new ArrayList<>();
    public final List<Lot> lots = new ArrayList<>();
    public final List<OffsetApplication> offsets = new ArrayList<>();
    public final List<Borrowing> borrowings = new ArrayList<>();
    public final List<Trade> trades = new ArrayList<>();
    /** per week (Monday), the exchange's feed rows */
    public final Map<LocalDate, List<FeedRow>> feeds = new TreeMap<>();
    /** per vintage, what issuance (pre-allocation, true-up, borrowing) adds to the national issuance account */
    public final Map<String, Long> issuedByVintage = new LinkedHashMap<>();
    /** issue 12: the one province whose verification runs after the issuance deadline, with a late reason */
    public String lateVerificationProvince;

    public DataSet(long seed, double scale, String run, String rulebookRef, String cycle) {
        this.seed = seed;
        this.scale = scale;
        this.run = run;
        this.rulebookRef = rulebookRef;
        this.cycle = cycle;
    }

    public List<Unit> units() {
        List<Unit> all = new ArrayList<>();
        entities.forEach(e -> all.addAll(e.units));
        return all;
    }

    public Entity entity(String uscc) {
        return entities.stream().filter(e -> e.uscc.equals(uscc)).findFirst().orElseThrow();
    }
}
