package cn.carbon.bench.season.data;

import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Plan;
import cn.carbon.bench.season.data.DataSet.Unit;
import cn.carbon.bench.season.data.DataSet.Year;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The seeded synthetic national season (issue 9). Every draw comes from the seed, so the same seed and scale give the
 * same data set; the run tag only enters the identifiers (USCC organisation code, lot and trade ids) so that a season
 * can run again on the same stack.
 *
 * <p>Shares of the plan (of all entities): about 1.5 % dissolved, 1.5 % all facilities closed, 2.5 % with compliance
 * risk (litigation, debt, judicial freeze), 2.5 % late with confirmation, 0.8 % overdue; the rest complete on time,
 * buying from the entities with allowances to spare, some borrowing 2023 allowances and some offsetting CCER.
 */
public final class Generator {

    public static final LocalDate FIRST_TRADING_WEEK = LocalDate.of(2023, 9, 4);
    public static final LocalDate SPECIAL_BUYING_WEEK = LocalDate.of(2023, 11, 27);
    public static final LocalDate FORCED_SURRENDER_WEEK = LocalDate.of(2023, 12, 4);
    public static final LocalDate SPECIAL_COMPLETION_WEEK = LocalDate.of(2023, 12, 11);
    public static final LocalDate AFTER_DEADLINE_WEEK = LocalDate.of(2024, 1, 8);

    private static final String[] GROUPS = {"华能", "大唐", "华电", "国家能源", "国家电投", "华润", "国投", "京能", "浙能",
            "粤电", "皖能", "申能", "晋能", "陕投", "地方", "协鑫"};
    private static final String[] KINDS = {"发电有限公司", "热电有限公司", "电力有限公司", "能源有限公司", "热电厂",
            "自备电厂"};
    private static final String[] PROJECT_TYPES = {"WIND", "SOLAR", "HYDRO", "METHANE_RECOVERY", "FORESTRY", "BIOMASS"};
    private static final String[] PROJECT_NAMES = {"风电", "光伏", "水电", "煤层气甲烷回收利用", "林业碳汇", "生物质发电"};
    private static final String[] REASONS = {"JUDICIAL_FREEZE", "DEBT", "LITIGATION", "LEGAL"};

    private final Rulebook rb;
    private final Allocation allocation;
    private final long seed;
    private final double scale;
    private final String run;
    private final SplittableRandom rnd;

    private Generator(Rulebook rb, long seed, double scale, String run) {
        this.rb = rb;
        this.allocation = new Allocation(rb);
        this.seed = seed;
        this.scale = scale;
        this.run = run;
        this.rnd = new SplittableRandom(seed);
    }

    /**
     * @param run two characters of the USCC alphabet, part of every identifier of this run
     */
    public static DataSet generate(Rulebook rb, long seed, double scale, String run) {
        if (run.length() != 2 || Uscc.ALPHABET.indexOf(run.charAt(0)) < 0 || Uscc.ALPHABET.indexOf(run.charAt(1)) < 0) {
            throw new IllegalArgumentException("the run tag is two characters of " + Uscc.ALPHABET + ", was " + run);
        }
        return new Generator(rb, seed, scale, run).build();
    }

    private DataSet build() {
        DataSet ds = new DataSet(seed, scale, run, rb.id() + " v" + rb.version(), rb.cycle());
        int total = Math.max(Provinces.ALL.size(), (int) Math.round(Provinces.BASE_ENTITIES * scale));
        int[] counts = Provinces.apportion(total);
        int index = 0;
        for (int p = 0; p < Provinces.ALL.size(); p++) {
            Provinces.Province province = Provinces.ALL.get(p);
            for (int k = 0; k < counts[p]; k++) {
                ds.entities.add(entity(province, index++, k + 1));
            }
        }
        ds.entities.forEach(allocation::compute);
        assignPlans(ds);
        SpecialPlans.mark(ds);
        ds.entities.forEach(allocation::compute);
        ds.lateVerificationProvince = SpecialPlans.lateVerificationProvince(ds);
        scheduleSurrenders(ds);
        planBorrowing(ds);
        planOffsets(ds);
        ensureSupply(ds);
        trade(ds);
        expectStatuses(ds);
        feeds(ds);
        issuance(ds);
        return ds;
    }

    // ---- entities and units -----------------------------------------------------------------------------------

    private Entity entity(Provinces.Province p, int index, int number) {
        SplittableRandom r = entityRandom(index);
        Entity e = new Entity();
        e.index = index;
        int city = 1 + r.nextInt(p.cities());
        String division = p.code().substring(0, 2) + String.format("%02d", city) + "00";
        e.uscc = Uscc.of(division, run + String.format("%06d", index));
        e.provinceCode = p.code();
        e.name = p.name() + GROUPS[r.nextInt(GROUPS.length)] + "第" + number + KINDS[r.nextInt(KINDS.length)];
        double kind = r.nextDouble();
        String fleet = kind < 0.12 ? "GAS" : kind < 0.20 ? "MIXED" : "COAL";
        double c = r.nextDouble();
        e.ratio = c < 0.50 ? uniform(r, 0.80, 0.97) : c < 0.83 ? uniform(r, 1.00, 1.10)
                : c < 0.94 ? uniform(r, 1.12, 1.24) : uniform(r, 1.26, 1.45);
        boolean drop = r.nextDouble() < 0.03;
        int n = pick(r, new double[]{0.38, 0.30, 0.14, 0.09, 0.04, 0.03, 0.015, 0.005}) + 1;
        List<UnitDesign> designs = new ArrayList<>();
        for (int u = 1; u <= n; u++) {
            String category = "GAS".equals(fleet) || ("MIXED".equals(fleet) && u % 2 == 0) ? "GAS"
                    : pickCategory(r);
            designs.add(design(r, p, category, "G" + u));
        }
        // a few units start in 2022 (not covered for 2021) or close after 2021; each year keeps at least one unit
        if (n >= 2) {
            for (UnitDesign d : designs) {
                double life = r.nextDouble();
                d.in2021 = life >= 0.03;
                d.in2022 = life < 0.03 || life >= 0.055;
            }
            if (designs.stream().noneMatch(d -> d.in2021)) {
                designs.get(0).in2021 = true;
            }
            if (designs.stream().noneMatch(d -> d.in2022)) {
                designs.get(0).in2022 = true;
            }
        }
        for (UnitDesign d : designs) {
            double change = drop ? uniform(r, 0.45, 0.65) : uniform(r, 0.92, 1.08);
            if (d.in2021) {
                e.units.add(unit(r, e, d, 2021, d.hours, d.ratio(e.ratio)));
            }
            if (d.in2022) {
                e.units.add(unit(r, e, d, 2022, d.hours * change, d.ratio(e.ratio)));
            }
        }
        return e;
    }

    private static final class UnitDesign {
        String unitId;
        String category;
        String cooling;
        int capacity;
        double heatRatio;
        double heatFactor;
        double hours;
        double aux;
        double loadFactor;
        double unitNoise;
        boolean in2021 = true;
        boolean in2022 = true;

        double ratio(double entityRatio) {
            return "GAS".equals(category) ? unitNoise : entityRatio * unitNoise;
        }
    }

    private UnitDesign design(SplittableRandom r, Provinces.Province p, String category, String unitId) {
        UnitDesign d = new UnitDesign();
        d.unitId = unitId;
        d.category = category;
        boolean gas = "GAS".equals(category);
        int[] sizes = switch (category) {
            case "COAL_ABOVE_300MW" -> new int[]{600, 600, 630, 660, 660, 1000};
            case "COAL_300MW_AND_BELOW" -> new int[]{25, 50, 50, 60, 100, 135, 150, 200, 300, 330, 350};
            case "COAL_UNCONVENTIONAL" -> new int[]{50, 100, 135, 150, 300, 330, 350};
            default -> new int[]{100, 180, 200, 390, 460};
        };
        d.capacity = sizes[r.nextInt(sizes.length)];
        d.cooling = !gas && r.nextDouble() < (p.northern() ? 0.55 : 0.12) ? "AIR" : "WATER";
        boolean chp = r.nextDouble() < (gas ? 0.5 : p.northern() ? 0.6 : 0.3);
        d.heatRatio = chp ? uniform(r, 0.05, 0.45) : 0;
        d.heatFactor = uniform(r, 1.2, 2.5);
        d.hours = gas ? uniform(r, 1500, 3200) : uniform(r, 3200, 4600);
        d.aux = gas ? uniform(r, 0.02, 0.03) : uniform(r, 0.05, 0.07);
        d.loadFactor = gas ? uniform(r, 0.50, 0.90) : uniform(r, 0.60, 0.95);
        d.unitNoise = gas ? uniform(r, 0.92, 1.12) : uniform(r, 0.98, 1.02);
        return d;
    }

    private Unit unit(SplittableRandom r, Entity e, UnitDesign d, int year, double hours, double ratio) {
        BigDecimal capacity = BigDecimal.valueOf(d.capacity);
        long supply = Math.round(d.capacity * hours * (1 - d.aux));
        BigDecimal heatRatio = BigDecimal.valueOf(d.heatRatio).setScale(4, RoundingMode.HALF_UP);
        long heat = heatRatio.signum() == 0 ? 0
                : Math.round(supply * 3.6 * d.heatRatio / (1 - d.heatRatio) * d.heatFactor);
        double lf = year == 2021 ? d.loadFactor : Math.min(0.99, Math.max(0.4, d.loadFactor * uniform(r, 0.96, 1.04)));
        BigDecimal loadFactor = BigDecimal.valueOf(lf).setScale(4, RoundingMode.HALF_UP);
        Unit draft = new Unit(e.uscc, d.unitId, year, d.category, d.cooling, capacity, BigDecimal.valueOf(supply),
                BigDecimal.valueOf(heat), heatRatio, loadFactor, 0);
        long emissions = Math.max(1, Math.round(allocation.unrounded(year, draft).doubleValue() * ratio));
        return withEmissions(draft, emissions);
    }

    private static Unit withEmissions(Unit u, long emissions) {
        return new Unit(u.uscc(), u.unitId(), u.year(), u.category(), u.cooling(), u.capacityMw(), u.powerSupplyMwh(),
                u.heatSupplyGj(), u.heatRatio(), u.loadFactor(), emissions);
    }

    private static String pickCategory(SplittableRandom r) {
        double c = r.nextDouble();
        return c < 0.30 ? "COAL_ABOVE_300MW" : c < 0.80 ? "COAL_300MW_AND_BELOW" : "COAL_UNCONVENTIONAL";
    }

    // ---- plans ------------------------------------------------------------------------------------------------

    private void assignPlans(DataSet ds) {
        List<Entity> order = new ArrayList<>(ds.entities);
        shuffle(order);
        int n = ds.entities.size();
        int dissolved = share(n, 0.015);
        int closed = share(n, 0.015);
        int risk = share(n, 0.025);
        int late = share(n, 0.025);
        int overdue = share(n, 0.008);
        int i = 0;
        for (; i < dissolved; i++) {
            Entity e = order.get(i);
            e.status = "DISSOLVED";
            e.plan = Plan.DISSOLVED;
            e.specialNote = "营业执照已注销 (business licence cancelled), no allocation and no obligation";
        }
        for (int k = 0; k < closed; k++, i++) {
            Entity e = order.get(i);
            e.status = "FACILITIES_CLOSED";
            e.plan = k % 2 == 0 ? Plan.SPECIAL_COMPLETE : Plan.SPECIAL_SHORT;
            e.specialNote = "排放设施已全部关停，法人存续 (all facilities closed, the entity exists)";
        }
        for (int k = 0; k < risk; k++, i++) {
            Entity e = order.get(i);
            e.status = "COMPLIANCE_RISK";
            e.plan = k % 5 < 3 ? Plan.SPECIAL_COMPLETE : Plan.SPECIAL_SHORT;
            List<String> reasons = new ArrayList<>(List.of(REASONS[rnd.nextInt(2)]));
            if (rnd.nextDouble() < 0.3) {
                String second = REASONS[2 + rnd.nextInt(2)];
                reasons.add(second);
            }
            e.reasons = List.copyOf(reasons);
            e.specialNote = "存在履约风险 (" + String.join(", ", reasons) + "): 核定配额发放至省级主管部门账户";
        }
        int lateGiven = 0;
        int overdueGiven = 0;
        for (; i < n; i++) {
            Entity e = order.get(i);
            if (overdueGiven < overdue && e.deficitT() > 0) {
                e.plan = overdueGiven % 3 == 2 ? Plan.OVERDUE_NONE : Plan.OVERDUE_PARTIAL;
                overdueGiven++;
            } else if (lateGiven < late) {
                e.plan = Plan.LATE;
                double which = rnd.nextDouble();
                e.lateYears = which < 0.3 ? Set.of(2021) : which < 0.7 ? Set.of(2022) : Set.of(2021, 2022);
                lateGiven++;
            } else {
                e.plan = Plan.ON_TIME;
            }
        }
    }

    private void scheduleSurrenders(DataSet ds) {
        List<LocalDate> weeks = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (LocalDate w = FIRST_TRADING_WEEK; !w.isAfter(LocalDate.of(2023, 12, 25)); w = w.plusWeeks(1)) {
            weeks.add(w);
            double weight = w.getMonthValue() == 9 ? 5 : w.getMonthValue() == 10 ? 7
                    : w.isBefore(LocalDate.of(2023, 11, 14)) ? 10 : 0.6;
            weights.add(weight);
        }
        double[] wts = weights.stream().mapToDouble(Double::doubleValue).toArray();
        for (Entity e : ds.entities) {
            switch (e.plan) {
                case ON_TIME, OVERDUE_PARTIAL -> e.surrenderWeek = weeks.get(pick(rnd, wts));
                case LATE -> e.surrenderWeek = e.lateYears.size() == 2 ? null : weeks.get(pick(rnd, wts));
                case SPECIAL_COMPLETE -> e.surrenderWeek = SPECIAL_COMPLETION_WEEK;
                default -> e.surrenderWeek = null;
            }
        }
    }

    private void planBorrowing(DataSet ds) {
        for (Entity e : ds.entities) {
            if (e.plan != Plan.ON_TIME || !"OPERATING".equals(e.status)
                    || e.provinceCode.equals(ds.lateVerificationProvince)) {
                continue; // the late province is verified after the borrowing deadline
            }
            List<Year> eligible = e.years.values().stream().filter(y -> y.borrowingCeilingT > 0).toList();
            if (eligible.isEmpty() || rnd.nextDouble() >= 0.25) {
                continue;
            }
            for (Year y : eligible) {
                if (eligible.size() > 1 && rnd.nextDouble() < 0.2) {
                    continue;
                }
                long q = Math.max(1, (long) Math.floor(y.borrowingCeilingT * uniform(rnd, 0.5, 1.0)));
                y.borrowedT = q;
                e.borrower = true;
                ds.borrowings.add(new DataSet.Borrowing(e.uscc, y.year, q, y.borrowingCeilingT,
                        "经营困难，无法及时购买配额 (operating difficulty: cannot buy in time)"));
            }
        }
    }

    private void planOffsets(DataSet ds) {
        int lotNumber = 0;
        for (Entity e : ds.entities) {
            if (e.plan != Plan.ON_TIME || !"OPERATING".equals(e.status) || e.deficitT() <= 1_000
                    || rnd.nextDouble() >= 0.12) {
                continue;
            }
            List<Year> years = new ArrayList<>(e.years.values());
            if (rnd.nextDouble() >= 0.5) {
                years = List.of(years.get(rnd.nextInt(years.size())));
            }
            long room = e.deficitT() - 1;
            Map<Integer, Long> wanted = new LinkedHashMap<>();
            for (Year y : years) {
                long q = Math.min(room, (long) Math.floor(y.ccerCapT * uniform(rnd, 0.4, 1.0)));
                if (q > 0) {
                    wanted.put(y.year, q);
                    room -= q;
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            long sum = wanted.values().stream().mapToLong(Long::longValue).sum();
            boolean legacy = rnd.nextDouble() < 0.25 && sum >= 20;
            List<DataSet.Lot> lots = new ArrayList<>();
            Map<String, Long> left = new LinkedHashMap<>();
            if (legacy) {
                long q = sum / 3;
                DataSet.Lot l = lot(e, ++lotNumber, q, true);
                lots.add(l);
                left.put(l.lotId(), q);
            }
            long rest = sum - lots.stream().mapToLong(DataSet.Lot::quantityT).sum();
            long extra = (long) Math.floor(rest * uniform(rnd, 0, 0.2));
            DataSet.Lot main = lot(e, ++lotNumber, rest + extra, false);
            lots.add(main);
            left.put(main.lotId(), rest + extra);
            ds.lots.addAll(lots);
            e.offsetter = true;
            for (Map.Entry<Integer, Long> w : wanted.entrySet()) {
                long need = w.getValue();
                List<DataSet.OffsetLine> lines = new ArrayList<>();
                for (DataSet.Lot l : lots) {
                    long take = Math.min(need, left.get(l.lotId()));
                    if (take > 0) {
                        lines.add(new DataSet.OffsetLine(l.lotId(), take, l.firstCycleCancelledUnused()
                                ? "首个履约周期已注销未使用 (cancelled in the first cycle, unused): " + l.cancellationRef()
                                : null));
                        left.put(l.lotId(), left.get(l.lotId()) - take);
                        need -= take;
                    }
                }
                e.years.get(w.getKey()).offsetT = w.getValue();
                ds.offsets.add(new DataSet.OffsetApplication(e.uscc, w.getKey(), List.copyOf(lines)));
            }
        }
    }

    private DataSet.Lot lot(Entity e, int number, long quantity, boolean legacy) {
        int type = rnd.nextInt(PROJECT_TYPES.length);
        LocalDate filed = LocalDate.of(2013, 1, 1).plusDays(rnd.nextInt(1_400));
        String project = String.format("CCER-%04d-%d", 1 + rnd.nextInt(2_800), filed.getYear());
        return new DataSet.Lot(run + "-LOT-" + String.format("%06d", number), e.uscc, project,
                Provinces.byCode(e.provinceCode).name() + PROJECT_NAMES[type] + "项目", PROJECT_TYPES[type], quantity,
                filed, legacy, legacy ? "CEA-2021-OFFSET-" + run + String.format("%06d", number) : null);
    }

    /**
     * The entities with allowances to spare must be able to cover every planned purchase: as long as they cannot, a
     * mild buyer is made more efficient (its emissions drawn again with a lower ratio).
     */
    private void ensureSupply(DataSet ds) {
        for (int round = 0; round < 10 * ds.entities.size(); round++) {
            long supply = 0;
            long demand = 0;
            List<Entity> mild = new ArrayList<>();
            for (Entity e : ds.entities) {
                if (isSeller(e)) {
                    supply += sellable(e);
                } else if (buys(e)) {
                    demand += purchase(e);
                    if (e.plan == Plan.ON_TIME && !e.borrower && !e.offsetter) {
                        mild.add(e);
                    }
                }
            }
            if (supply >= demand * 1.03 + 1_000 || mild.isEmpty()) {
                return;
            }
            Entity e = mild.get(rnd.nextInt(mild.size()));
            e.ratio = uniform(rnd, 0.80, 0.95);
            List<Unit> redrawn = new ArrayList<>();
            for (Unit u : e.units) {
                double ratio = "GAS".equals(u.category()) ? 1.0 : e.ratio;
                redrawn.add(withEmissions(u, Math.max(1, Math.round(allocation.unrounded(u.year(), u).doubleValue() * ratio))));
            }
            e.units = redrawn;
            allocation.compute(e);
        }
    }

    private static boolean isSeller(Entity e) {
        return e.plan == Plan.ON_TIME && e.deficitT() < 0;
    }

    private static long sellable(Entity e) {
        return (long) Math.floor(-e.deficitT() * 0.9);
    }

    private static boolean buys(Entity e) {
        return (e.plan == Plan.ON_TIME || e.plan == Plan.LATE || e.plan == Plan.SPECIAL_COMPLETE) && e.deficitT() > 0;
    }

    /** What a buyer buys: its deficit and a small margin, so that no rounding anywhere leaves it a tonne short. */
    static long purchase(Entity e) {
        long deficit = e.deficitT();
        return deficit + 10 + deficit / 1_000;
    }

    // ---- trades: matched week by week, the holdings simulated as the runner will move them --------------------

    private void trade(DataSet ds) {
        Map<String, Map<String, Long>> holdings = new HashMap<>();
        for (Entity e : ds.entities) {
            Map<String, Long> h = new TreeMap<>();
            for (Year y : e.years.values()) {
                h.merge(rb.allocationVintage(y.year), y.accountT, Long::sum);
            }
            holdings.put(e.uscc, h);
        }
        Map<LocalDate, List<Entity>> buyersByWeek = new TreeMap<>();
        Map<LocalDate, List<Entity>> surrendersByWeek = new TreeMap<>();
        List<Entity> sellers = new ArrayList<>();
        Map<String, Long> budget = new HashMap<>();
        for (Entity e : ds.entities) {
            if (isSeller(e)) {
                sellers.add(e);
                budget.put(e.uscc, sellable(e));
            } else if (buys(e)) {
                LocalDate week = switch (e.plan) {
                    case LATE -> AFTER_DEADLINE_WEEK;
                    case SPECIAL_COMPLETE -> SPECIAL_BUYING_WEEK;
                    default -> {
                        long span = (e.surrenderWeek.toEpochDay() - FIRST_TRADING_WEEK.toEpochDay()) / 7;
                        yield FIRST_TRADING_WEEK.plusWeeks(rnd.nextLong(span + 1));
                    }
                };
                buyersByWeek.computeIfAbsent(week, w -> new ArrayList<>()).add(e);
            }
            if (e.surrenderWeek != null) {
                surrendersByWeek.computeIfAbsent(e.surrenderWeek, w -> new ArrayList<>()).add(e);
            }
        }
        Set<LocalDate> weeks = new TreeSet<>(buyersByWeek.keySet());
        weeks.addAll(surrendersByWeek.keySet());
        int next = 0;
        int tradeNo = 0;
        for (LocalDate week : weeks) {
            for (Entity buyer : buyersByWeek.getOrDefault(week, List.of())) {
                long need = purchase(buyer);
                int pieces = need < 150_000 ? 1 : need < 1_500_000 ? 2 : 3;
                for (int piece = 0; piece < pieces && need > 0; piece++) {
                    long target = piece == pieces - 1 ? need : need / (pieces - piece);
                    int tried = 0;
                    while (target > 0 && tried < sellers.size() * 2) {
                        Entity seller = sellers.get(next % sellers.size());
                        next++;
                        tried++;
                        long b = budget.get(seller.uscc);
                        if (b <= 0) {
                            continue;
                        }
                        Map<String, Long> h = holdings.get(seller.uscc);
                        String vintage = h.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                                .orElse(null);
                        long q = Math.min(Math.min(target, b), vintage == null ? 0 : h.get(vintage));
                        if (q <= 0) {
                            continue;
                        }
                        ds.trades.add(new DataSet.Trade(run + "-TRADE-" + String.format("%07d", ++tradeNo), week,
                                seller.uscc, buyer.uscc, vintage, q));
                        h.merge(vintage, -q, Long::sum);
                        holdings.get(buyer.uscc).merge(vintage, q, Long::sum);
                        budget.put(seller.uscc, b - q);
                        target -= q;
                        need -= q;
                    }
                }
                if (need > 0) {
                    throw new IllegalStateException("the market could not supply " + buyer.uscc + " with " + need + " t");
                }
            }
            for (Entity e : surrendersByWeek.getOrDefault(week, List.of())) {
                Map<String, Long> h = holdings.get(e.uscc);
                for (Year y : e.years.values()) {
                    if (e.plan == Plan.LATE && e.lateYears.contains(y.year)) {
                        continue;
                    }
                    long need = y.obligationT - y.offsetT - y.borrowedT;
                    if (e.plan == Plan.SPECIAL_COMPLETE) {
                        need = 0; // custody surrenders first; the remainder comes from the account, not a seller's concern
                    }
                    consume(h, rb.allocationVintage(y.year), need);
                }
            }
        }
    }

    /** Own vintage first, then the others (the order the runner surrenders in). */
    private static void consume(Map<String, Long> h, String own, long need) {
        long take = Math.min(need, h.getOrDefault(own, 0L));
        h.merge(own, -take, Long::sum);
        need -= take;
        for (Map.Entry<String, Long> v : h.entrySet()) {
            long t = Math.min(need, v.getValue());
            v.setValue(v.getValue() - t);
            need -= t;
        }
    }

    // ---- what the end must look like ---------------------------------------------------------------------------

    private void expectStatuses(DataSet ds) {
        for (Entity e : ds.entities) {
            switch (e.plan) {
                case DISSOLVED -> e.years.values().forEach(y -> set(y, "EXEMPT", "EXEMPT"));
                case ON_TIME, SPECIAL_COMPLETE -> e.years.values().forEach(y -> set(y, "COMPLIANT", "COMPLIANT"));
                case LATE -> e.years.values().forEach(y -> {
                    if (e.lateYears.contains(y.year)) {
                        set(y, "COMPLIANT_LATE", "OVERDUE");
                    } else {
                        set(y, "COMPLIANT", "COMPLIANT");
                    }
                });
                case OVERDUE_NONE -> e.years.values().forEach(y -> set(y, "OVERDUE", "OVERDUE"));
                case OVERDUE_PARTIAL -> {
                    long held = e.years.values().stream().mapToLong(y -> y.accountT).sum();
                    for (Year y : e.years.values()) {
                        boolean done = held >= y.obligationT;
                        held -= Math.min(held, y.obligationT);
                        set(y, done ? "COMPLIANT" : "OVERDUE", done ? "COMPLIANT" : "OVERDUE");
                    }
                }
                case SPECIAL_SHORT -> {
                    Map<Integer, Long> shortfall = Consequences.forced(e, rb, e.frozen).shortfall();
                    e.years.values().forEach(y -> {
                        String s = shortfall.get(y.year) == 0 ? "COMPLIANT" : "OVERDUE";
                        set(y, s, s);
                    });
                }
            }
            Map<Integer, Long> shortfall = Consequences.shortfallAtDeadline(e, rb);
            e.years.values().forEach(y -> y.shortfallAtDeadlineT = shortfall.get(y.year));
        }
    }

    private static void set(Year y, String status, String atDeadline) {
        y.expectedStatus = status;
        y.expectedAtDeadline = atDeadline;
    }

    private void feeds(DataSet ds) {
        LocalDate windowEnd = rb.deadline("complianceDeadline");
        Map<LocalDate, Map<String, long[]>> byWeek = new TreeMap<>();
        for (DataSet.Trade t : ds.trades) {
            if (t.week().plusDays(6).isAfter(windowEnd)) {
                continue; // after the deadline: no more weekly reports
            }
            Map<String, long[]> rows = byWeek.computeIfAbsent(t.week(), w -> new TreeMap<>());
            rows.computeIfAbsent(t.buyerUscc(), u -> new long[2])[0] += t.quantityT();
            rows.computeIfAbsent(t.sellerUscc(), u -> new long[2])[1] += t.quantityT();
        }
        byWeek.forEach((week, rows) -> {
            List<DataSet.FeedRow> feed = new ArrayList<>();
            rows.forEach((uscc, q) -> feed.add(new DataSet.FeedRow(uscc, week, week.plusDays(6), q[0], q[1])));
            ds.feeds.put(week, feed);
        });
    }

    private void issuance(DataSet ds) {
        for (Entity e : ds.entities) {
            for (Year y : e.years.values()) {
                ds.issuedByVintage.merge(rb.allocationVintage(y.year), y.accountT + y.custodyT, Long::sum);
            }
        }
        ds.issuedByVintage.put(rb.borrowingVintage(),
                ds.borrowings.stream().mapToLong(DataSet.Borrowing::quantityT).sum());
    }

    // ---- randomness ---------------------------------------------------------------------------------------------

    private SplittableRandom entityRandom(int index) {
        return new SplittableRandom(seed * 1_000_003L + index);
    }

    private static double uniform(SplittableRandom r, double from, double to) {
        return from + (to - from) * r.nextDouble();
    }

    private static int pick(SplittableRandom r, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double x = r.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static int share(int n, double share) {
        return n < 40 ? 1 : (int) Math.round(n * share);
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rnd.nextInt(i + 1));
        }
    }

    static DayOfWeek weekStart() {
        return DayOfWeek.MONDAY;
    }

    static Comparator<Entity> byIndex() {
        return Comparator.comparingInt(e -> e.index);
    }

    static Set<Integer> years(Entity e) {
        return new LinkedHashSet<>(e.years.keySet());
    }
}
