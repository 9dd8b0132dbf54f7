package cn.carbon.bench.season.data;

import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Plan;
import cn.carbon.bench.season.data.DataSet.Year;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What issue 12's paths must leave behind, recomputed from the data set and the rulebook only: the forced surrender
 * (custody, and for a frozen account the account too: own vintage first), each year's shortfall at the deadline, the
 * statement of what the next allocation owes (borrowing repaid, relief advances, uncured shortfalls 1:1, a late
 * compliance cancelling its line), and the ledger's issuance while one province is still unverified.
 */
public final class Consequences {

    public static final String BORROWING_REPAYMENT = "BORROWING_REPAYMENT";
    public static final String RELIEF_ADVANCE = "RELIEF_REPAYMENT";
    public static final String SHORTFALL = "SHORTFALL";

    private Consequences() {
    }

    /** One line of the carry-over statement; {@code cancelled}: shown with its history, no longer owed. */
    public record Line(String kind, int complianceYear, long quantityT, boolean cancelled) {
    }

    /** A forced surrender: per year, what was taken by vintage (in order), what stays short, what is left by vintage. */
    public record Forced(Map<Integer, Map<String, Long>> taken, Map<Integer, Long> shortfall, Map<String, Long> left) {
    }

    /**
     * Notice §一 (RULES.md §5.4, E8): each year's obligation from its own vintage, then from the other years'
     * vintages. The pool is the custody account, and for a frozen account also the entity's own account (a forced
     * surrender entrusted by the province still draws on it). What is left ends in the entity's account.
     */
    public static Forced forced(Entity e, Rulebook rb, boolean includeAccount) {
        Map<String, Long> pool = new TreeMap<>();
        Map<Integer, Long> need = new LinkedHashMap<>();
        Map<Integer, Map<String, Long>> taken = new LinkedHashMap<>();
        for (Year y : e.years.values()) {
            pool.merge(rb.allocationVintage(y.year), y.custodyT + (includeAccount ? y.accountT : 0), Long::sum);
            need.put(y.year, y.obligationT);
            taken.put(y.year, new LinkedHashMap<>());
        }
        for (Year y : e.years.values()) {
            take(y.year, rb.allocationVintage(y.year), pool, need, taken);
        }
        for (Year y : e.years.values()) {
            for (Year other : e.years.values()) {
                if (other.year != y.year) {
                    take(y.year, rb.allocationVintage(other.year), pool, need, taken);
                }
            }
        }
        return new Forced(taken, need, pool);
    }

    private static void take(int year, String vintage, Map<String, Long> pool, Map<Integer, Long> need,
                             Map<Integer, Map<String, Long>> taken) {
        long q = Math.min(pool.getOrDefault(vintage, 0L), need.get(year));
        if (q > 0) {
            pool.merge(vintage, -q, Long::sum);
            need.merge(year, -q, Long::sum);
            taken.get(year).merge(vintage, q, Long::sum);
        }
    }

    /** What each year lacks at the compliance deadline, by the plan (the runner surrenders exactly so). */
    public static Map<Integer, Long> shortfallAtDeadline(Entity e, Rulebook rb) {
        Map<Integer, Long> out = new TreeMap<>();
        e.years.values().forEach(y -> out.put(y.year, 0L));
        switch (e.plan) {
            case LATE -> e.lateYears.forEach(year -> {
                Year y = e.years.get(year);
                out.put(year, y.obligationT - y.offsetT - y.borrowedT);
            });
            case OVERDUE_NONE -> e.years.values().forEach(y -> out.put(y.year, y.obligationT - y.offsetT - y.borrowedT));
            case OVERDUE_PARTIAL -> { // surrenders what it holds, year by year
                long held = e.years.values().stream().mapToLong(y -> y.accountT).sum();
                for (Year y : e.years.values()) {
                    long q = Math.min(held, y.obligationT);
                    held -= q;
                    out.put(y.year, y.obligationT - q);
                }
            }
            case SPECIAL_SHORT -> out.putAll(forced(e, rb, e.frozen).shortfall());
            default -> {
            }
        }
        return out;
    }

    /**
     * The statement of what the entity's next allocation owes: approved borrowing repaid 1:1 per year, relief advances
     * (none in this season), each shortfall at the deadline 1:1, cancelled when the year was complied late.
     */
    public static List<Line> carryOver(Entity e) {
        List<Line> lines = new ArrayList<>();
        for (Year y : e.years.values()) {
            if (y.borrowedT > 0) {
                lines.add(new Line(BORROWING_REPAYMENT, y.year, y.borrowedT, false));
            }
            if (y.shortfallAtDeadlineT > 0) {
                lines.add(new Line(SHORTFALL, y.year, y.shortfallAtDeadlineT, "COMPLIANT_LATE".equals(y.expectedStatus)));
            }
        }
        return lines;
    }

    /** What the next allocation owes in all: the lines not cancelled. */
    public static long owedT(Entity e) {
        return carryOver(e).stream().filter(l -> !l.cancelled()).mapToLong(Line::quantityT).sum();
    }

    /**
     * The ledger's issuance per allocation vintage once every province but the late one is verified: the final
     * position of the verified provinces, and in the late one what the pre-allocation issued.
     */
    public static Map<String, Long> issuedBeforeLateVerification(DataSet ds, Rulebook rb) {
        Map<String, Long> out = new TreeMap<>();
        for (Entity e : ds.entities) {
            boolean late = e.provinceCode.equals(ds.lateVerificationProvince);
            for (Year y : e.years.values()) {
                out.merge(rb.allocationVintage(y.year), late ? y.preIssuedT : y.accountT + y.custodyT, Long::sum);
            }
        }
        return out;
    }

    /** The entity whose penalty case the province records: short at the deadline and never cured, not frozen. */
    public static Optional<Entity> penaltyCase(DataSet ds) {
        return ds.entities.stream()
                .filter(e -> !e.frozen && e.years.values().stream()
                        .anyMatch(y -> y.shortfallAtDeadlineT > 0 && "OVERDUE".equals(y.expectedStatus)))
                .min(Comparator.comparing((Entity e) -> e.plan != Plan.OVERDUE_NONE).thenComparingInt(e -> e.index));
    }

    /** An entity complied on time in every year (a penalty case against it must be refused). */
    public static Optional<Entity> compliedOnTime(DataSet ds) {
        return ds.entities.stream().filter(e -> e.plan == Plan.ON_TIME && !e.borrower && !e.offsetter
                && e.years.values().stream().allMatch(y -> y.obligationT > 0)).min(Comparator.comparingInt(e -> e.index));
    }

    /** An offset that would exceed what a year still owes: the year, and a lot of the entity with units left. */
    public record OffsetProbe(Entity entity, int complianceYear, String lotId) {
    }

    /**
     * Issue 12 item 6: an on-time offsetter that surrendered before {@code week}, with room under the CCER cap in a
     * year (so the cap is not what refuses it) and units left in one of its lots: one more tonne for that year exceeds
     * the remaining obligation, which is 0.
     */
    public static Optional<OffsetProbe> offsetBeyondObligation(DataSet ds, java.time.LocalDate week) {
        Map<String, Long> left = new TreeMap<>();
        ds.lots.forEach(l -> left.put(l.lotId(), l.quantityT()));
        ds.offsets.forEach(a -> a.lines().forEach(l -> left.merge(l.lotId(), -l.quantityT(), Long::sum)));
        for (Entity e : ds.entities) {
            if (e.plan != Plan.ON_TIME || !e.offsetter || e.surrenderWeek == null || !e.surrenderWeek.isBefore(week)) {
                continue;
            }
            Optional<DataSet.Lot> lot = ds.lots.stream()
                    .filter(l -> l.uscc().equals(e.uscc) && !l.firstCycleCancelledUnused() && left.get(l.lotId()) > 0)
                    .findFirst();
            Optional<Year> year = e.years.values().stream().filter(y -> y.obligationT > 0 && y.offsetT < y.ccerCapT).findFirst();
            if (lot.isPresent() && year.isPresent()) {
                return Optional.of(new OffsetProbe(e, year.get().year, lot.get().lotId()));
            }
        }
        return Optional.empty();
    }

    /** The fine the province decides: the middle of the rulebook's range, in whole thousands. */
    public static long fineCny(long[] range) {
        return (range[0] + range[1]) / 2 / 1_000 * 1_000;
    }
}
