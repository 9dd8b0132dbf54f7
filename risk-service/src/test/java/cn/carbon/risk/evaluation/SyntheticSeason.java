package cn.carbon.risk.evaluation;

import cn.carbon.risk.index.EntityInputs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic 2021-2022 season, week by week from issuance (2023-08-14) to the deadline (2023-12-31).
 * <p>
 * Who misses the deadline is decided by each entity's <b>hidden</b> behaviour (discipline, liquidity, an archetype
 * drawn from them: steady buyer, late buyer, stalled buyer, absent) and the simulation of its trades, never by the
 * risk index or its factors. The index only ever sees what the platform would see: obligations, holdings after each
 * week, the exchange's weekly bought/sold rows, confirmed offsets, surrender (compliance) status, the entity's status
 * flag and its 2019-2020 record.
 */
public final class SyntheticSeason {

    public static final LocalDate FIRST_WEEK = LocalDate.of(2023, 8, 14);
    public static final LocalDate DEADLINE = LocalDate.of(2023, 12, 31);
    public static final int WEEKS = 20;   // 2023-08-14 .. 2023-12-31, Monday to Sunday

    enum Archetype { SURPLUS, STEADY, LATE, STALLED, ABSENT }

    /** What the platform can observe of one entity at the end of one week. */
    record Observation(long holdingsT, long boughtT, long soldT, boolean surrendered, long offsetsT) {
    }

    /** One simulated entity: hidden traits, the observable record per week, and the outcome. */
    public static final class Entity {
        final String uscc;
        final String province;
        final String status;
        final long obligation2021;
        final long obligation2022;
        final int pastShortfalls;
        final boolean special;
        // hidden
        final double discipline;
        final double liquidity;
        final Archetype archetype;
        final Observation[] weeks = new Observation[WEEKS];
        boolean missed;

        Entity(String uscc, String province, String status, long o21, long o22, int past, boolean special,
               double discipline, double liquidity, Archetype archetype) {
            this.uscc = uscc;
            this.province = province;
            this.status = status;
            this.obligation2021 = o21;
            this.obligation2022 = o22;
            this.pastShortfalls = past;
            this.special = special;
            this.discipline = discipline;
            this.liquidity = liquidity;
            this.archetype = archetype;
        }

        public boolean missed() {
            return missed;
        }

        /** Tonnes still missing at the deadline (0 when it complied). */
        public long shortAtDeadline() {
            Observation last = weeks[WEEKS - 1];
            return last.surrendered() ? 0 : Math.max(0, obligation2021 + obligation2022 - last.offsetsT() - last.holdingsT());
        }

        public Archetype archetype() {
            return archetype;
        }

        /** The inputs as the service would hold them on {@code day} (a Sunday ending week {@code lastWeek}). */
        public EntityInputs inputsAt(int lastWeek) {
            Observation now = weeks[lastWeek];
            String compliance = now.surrendered() ? "COMPLIANT" : "OPEN";
            Map<Integer, EntityInputs.Year> years = new HashMap<>();
            long offsets21 = now.offsetsT() / 2;
            years.put(2021, new EntityInputs.Year(obligation2021, false, null, compliance, offsets21, 0));
            years.put(2022, new EntityInputs.Year(obligation2022, false, null, compliance, now.offsetsT() - offsets21, 0));
            List<EntityInputs.Balance> holdings = List.of(special
                    ? new EntityInputs.Balance("2022", 0, 0, now.surrendered() ? 0 : now.holdingsT())
                    : new EntityInputs.Balance("2022", now.surrendered() ? 0 : now.holdingsT(), 0, 0));
            List<EntityInputs.WeekNet> feed = new ArrayList<>();
            for (int w = 0; w <= lastWeek; w++) {
                LocalDate start = FIRST_WEEK.plusWeeks(w);
                feed.add(new EntityInputs.WeekNet(start, start.plusDays(6), weeks[w].boughtT() - weeks[w].soldT()));
            }
            return new EntityInputs(uscc, province, status, years, holdings, feed, pastShortfalls);
        }
    }

    private SyntheticSeason() {
    }

    private static final String[] PROVINCES = {"110000", "130000", "140000", "150000", "320000", "330000", "370000",
            "410000", "440000", "610000"};

    public static List<Entity> generate(long seed, int count) {
        Random r = new Random(seed);
        List<Entity> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(simulate(r, i));
        }
        return all;
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static Entity simulate(Random r, int i) {
        double discipline = Math.sqrt(r.nextDouble());                       // most entities are fairly disciplined
        double u = r.nextDouble();
        boolean special = u < 0.04;
        String status = u < 0.03 ? "COMPLIANCE_RISK" : u < 0.04 ? "FACILITIES_CLOSED" : "OPERATING";
        long o21 = Math.round(Math.exp(uniform(r, Math.log(100_000), Math.log(8_000_000))));
        long o22 = Math.round(o21 * uniform(r, 0.9, 1.1));
        long obligation = o21 + o22;
        int past = (r.nextDouble() < 0.5 * Math.pow(1 - discipline, 2) ? 1 : 0)
                + (r.nextDouble() < 0.2 * (1 - discipline) ? 1 : 0);

        // allocation issued at the start of the season: a surplus or a gap of up to 20 % (the 80 % floor)
        boolean deficit = r.nextDouble() < 0.45;
        double gapRate = deficit ? uniform(r, 0.005, 0.20) : -uniform(r, 0.0, 0.12);
        long holdings = Math.round(obligation * (1 - gapRate));
        if (r.nextDouble() < 0.30) {
            holdings += Math.round(obligation * uniform(r, 0, 0.05));       // leftovers of the 2019-2020 vintage
        }
        if (gapRate >= 0.10 && !special && r.nextDouble() < 0.4) {
            holdings += Math.round(gapRate * obligation * uniform(r, 0.3, 0.5)); // borrowed 2023 allowances
        }
        long offsets = 0;
        int offsetWeek = -1;
        long offsetQty = 0;
        if (deficit && r.nextDouble() < 0.25) {
            offsetWeek = 3 + r.nextInt(14);
            offsetQty = Math.round(0.05 * obligation * uniform(r, 0.3, 1.0));
        }
        // a surplus entity may oversell and have to buy back; the hidden archetype decides how it buys
        boolean overseller = !deficit && r.nextDouble() < 0.05;
        double liquidity = uniform(r, 0.06, 0.6);                             // share of its need it can buy a week
        Archetype archetype;
        if (!deficit && !overseller) {
            archetype = Archetype.SURPLUS;
        } else {
            double a = r.nextDouble();
            double pAbsent = special ? 0.45 : 0.03;
            double pStalled = 0.20 * (1 - discipline);
            double pLate = 0.15 + 0.35 * (1 - discipline);
            archetype = a < pAbsent ? Archetype.ABSENT : a < pAbsent + pStalled ? Archetype.STALLED
                    : a < pAbsent + pStalled + pLate ? Archetype.LATE : Archetype.STEADY;
        }
        String uscc = String.format("91%sS%08dX", PROVINCES[i % PROVINCES.length], i);
        Entity e = new Entity(uscc, PROVINCES[i % PROVINCES.length], status, o21, o22, past, special, discipline,
                liquidity, archetype);

        int start = switch (archetype) {
            case STEADY, STALLED -> r.nextInt(13);
            case LATE -> 13 + r.nextInt(6);
            default -> WEEKS;
        };
        int stop = archetype == Archetype.STALLED ? start + 1 + r.nextInt(Math.max(1, 17 - start)) : WEEKS;
        boolean resumes = archetype == Archetype.STALLED && r.nextDouble() < 0.35;
        int oversellWeeks = overseller ? 2 + r.nextInt(6) : -1;
        double sellShare = archetype == Archetype.SURPLUS ? r.nextDouble() * 0.9 : 0;
        int surrenderDelay = discipline > 0.6 ? r.nextInt(3) : 19;
        int readySince = -1;
        boolean surrendered = false;
        // hidden liquidity: the tonnes it can buy in a week, a share of what it lacked when the season opened
        long weeklyCapacity = Math.round(liquidity * Math.max(obligation - holdings, 0.02 * obligation));

        for (int w = 0; w < WEEKS; w++) {
            long bought = 0;
            long sold = 0;
            if (w == offsetWeek) {
                offsets = offsetQty;
            }
            long need = obligation - offsets - holdings;
            if (overseller && w == oversellWeeks) {
                long extra = Math.round(obligation * uniform(r, 0.02, 0.08));
                sold += Math.max(0, holdings - (obligation - offsets)) + extra;
            }
            if (archetype == Archetype.SURPLUS && need < 0 && r.nextDouble() < 0.25) {
                sold += Math.round(-need * sellShare * uniform(r, 0.1, 0.5));
            }
            need = obligation - offsets - (holdings - sold);
            boolean buying = !surrendered && need > 0 && w >= start && (w < stop || (resumes && w >= 18));
            if (buying) {
                long capacity = Math.round(weeklyCapacity * (1 + 0.3 * (r.nextDouble() - 0.5)));
                long planned = archetype == Archetype.LATE || w >= 18 ? need               // all that is left
                        : Math.round((double) need / Math.max(1, 19 - w));              // spread to the deadline
                bought += Math.max(0, Math.min(need, Math.min(planned, capacity)));
            }
            if (!surrendered && r.nextDouble() < 0.2) {                        // churn: trading both ways
                long churn = Math.round(obligation * uniform(r, 0, 0.01));
                long churnSold = Math.round(churn * uniform(r, 0.7, 1.3));
                // nobody sells below what it needs: a churn sale beyond the purchase comes out of a surplus only
                long surplus = Math.max(0, holdings + bought - sold + offsets - obligation);
                bought += churn;
                sold += Math.min(churnSold, churn + surplus);
            }
            holdings += bought - sold;
            if (holdings < 0) {
                sold += holdings;
                holdings = 0;
            }
            if (!surrendered && holdings + offsets >= obligation) {
                if (readySince < 0) {
                    readySince = w;
                }
                if (w >= Math.min(19, readySince + surrenderDelay) || (special && w >= 17)) {
                    surrendered = true;                                        // both years surrendered (or forced)
                    holdings -= obligation - offsets;
                }
            }
            e.weeks[w] = new Observation(holdings, bought, sold, surrendered, offsets);
        }
        e.missed = !surrendered;
        return e;
    }
}
