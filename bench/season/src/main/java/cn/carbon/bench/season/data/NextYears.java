package cn.carbon.bench.season.data;

import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Unit;
import cn.carbon.bench.season.data.DataSet.Year;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The years after 2021-2022 (docs/RULES-2023-2025.md): the annual 2023 power year of the entities that still operate,
 * with gross generation, no heat-supply or other correction factor where the 2023 rulebook has none, and the bridge
 * deductions of what 2021-2022 left owed (approved borrowing 1:1, uncured shortfalls 1:1); and a few hundred steel,
 * cement and aluminium entities in 2024, allocated their verified emissions. Each entity-year's figures are the
 * season's own reading of the two shipped rulebooks ({@link Allocation}), never the services' engine.
 */
public final class NextYears {

    /** An entity's annual year: its rows, the figures the rules give them, and what earlier cycles left owed. */
    public record AnnualYear(Entity entity, int year, List<Unit> units, Year figures, long owedT) {

        /** What the allocation deducts: what was owed, up to what it issues; the rest stays owed. */
        public long deductedT() {
            return Math.min(owedT, figures.issuedT);
        }

        /** What reaches the entity's account. */
        public long netIssuedT() {
            return figures.issuedT - deductedT();
        }
    }

    private static final String[][] SECTORS = {{"STEEL", "STEEL_BF_BOF", "钢铁"}, {"CEMENT", "CEMENT_CLINKER", "水泥"},
            {"ALUMINIUM", "ALUMINIUM_ELECTROLYSIS", "铝业"}};

    public final Rulebook power2023;
    public final Rulebook year2024;
    /** the 2023 power year of every entity still operating with 2022 units */
    public final List<AnnualYear> power = new ArrayList<>();
    /** the steel, cement and aluminium entities registered for 2024, each with its 2024 year */
    public final List<AnnualYear> industry = new ArrayList<>();

    private NextYears(Rulebook power2023, Rulebook year2024) {
        this.power2023 = power2023;
        this.year2024 = year2024;
    }

    /** The next years of {@code ds}, seeded like it: the same data set always gives the same years. */
    public static NextYears generate(DataSet ds, Rulebook power2023, Rulebook year2024) {
        NextYears next = new NextYears(power2023, year2024);
        SplittableRandom r = new SplittableRandom(ds.seed * 31 + 2023);
        int year = power2023.years().get(0);
        Allocation rules = new Allocation(power2023);
        for (Entity e : ds.entities) {
            List<Unit> last = e.units.stream().filter(u -> u.year() == year - 1).toList();
            if (!"OPERATING".equals(e.status) || last.isEmpty()) {
                continue;
            }
            Entity annual = shadow(e);
            for (Unit u : last) {
                annual.units.add(nextYear(r, rules, u, year, e.ratio));
            }
            rules.compute(annual);
            next.power.add(new AnnualYear(annual, year, annual.units, annual.years.get(year), Consequences.owedT(e)));
        }
        int industrial = (int) Math.max(6, Math.round(300 * ds.scale));
        int industryYear = year2024.years().get(0);
        Allocation rules2024 = new Allocation(year2024);
        for (int k = 0; k < industrial; k++) {
            String[] sector = SECTORS[k % SECTORS.length];
            Provinces.Province p = Provinces.ALL.get(r.nextInt(Provinces.ALL.size()));
            Entity e = new Entity();
            e.index = ds.entities.size() + k;
            e.provinceCode = p.code();
            e.uscc = Uscc.of(p.code().substring(0, 2) + "0100", ds.run + String.format("9%05d", k));
            e.name = p.name() + sector[2] + "第" + (k + 1) + "有限公司";
            e.sector = sector[0];
            e.plan = DataSet.Plan.ON_TIME;
            int lines = 1 + r.nextInt(3);
            for (int l = 1; l <= lines; l++) {
                long emissions = switch (sector[0]) {
                    case "STEEL" -> 500_000 + r.nextLong(7_500_000);
                    case "CEMENT" -> 200_000 + r.nextLong(1_300_000);
                    default -> 300_000 + r.nextLong(2_700_000);
                };
                e.units.add(new Unit(e.uscc, "L" + l, industryYear, sector[1], null, null, null, null, null, null,
                        emissions));
            }
            rules2024.compute(e);
            next.industry.add(new AnnualYear(e, industryYear, e.units, e.years.get(industryYear), 0));
        }
        return next;
    }

    /** The entity as the annual year sees it: its identity and status, no unit or figure of 2021-2022. */
    private static Entity shadow(Entity e) {
        Entity a = new Entity();
        a.index = e.index;
        a.uscc = e.uscc;
        a.name = e.name;
        a.provinceCode = e.provinceCode;
        a.status = e.status;
        a.plan = e.plan;
        a.ratio = e.ratio;
        return a;
    }

    /**
     * The unit's next year: output within ±5 % of the last, own use (厂用电) of 5-8 % (2-3 % gas) between gross
     * generation and net supply, the same heat ratio and load factor, verified emissions at the entity's efficiency.
     */
    private static Unit nextYear(SplittableRandom r, Allocation rules, Unit last, int year, double ratio) {
        double change = 0.95 + r.nextDouble() * 0.10;
        boolean gas = "GAS".equals(rules.rulebook().fuel(last.category()));
        double ownUse = gas ? 0.02 + r.nextDouble() * 0.01 : 0.05 + r.nextDouble() * 0.03;
        BigDecimal supply = BigDecimal.valueOf(Math.round(last.powerSupplyMwh().doubleValue() * change));
        BigDecimal generation = BigDecimal.valueOf(Math.round(supply.doubleValue() / (1 - ownUse)));
        BigDecimal heat = BigDecimal.valueOf(Math.round(last.heatSupplyGj().doubleValue() * change));
        Unit draft = new Unit(last.uscc(), last.unitId(), year, last.category(), last.cooling(), last.capacityMw(),
                supply, heat, last.heatRatio(), last.loadFactor(), 0, generation);
        long emissions = Math.max(1, Math.round(rules.unrounded(year, draft).doubleValue() * ratio));
        return new Unit(draft.uscc(), draft.unitId(), year, draft.category(), draft.cooling(), draft.capacityMw(),
                supply, heat, draft.heatRatio(), draft.loadFactor(), emissions, generation);
    }

    /** What the 2023 allocation adds to the national issuance of its vintage: each year's issue less its deduction. */
    public Map<String, Long> powerIssuance() {
        Map<String, Long> out = new LinkedHashMap<>();
        power.forEach(a -> out.merge(power2023.allocationVintage(a.year()), a.netIssuedT(), Long::sum));
        return out;
    }

    public Map<String, Long> industryIssuance() {
        Map<String, Long> out = new LinkedHashMap<>();
        industry.forEach(a -> out.merge(year2024.allocationVintage(a.year()), a.netIssuedT(), Long::sum));
        return out;
    }

    /** The carry-over cap (配额结转上限) of net sales {@code netSalesT}: base + multiplier × max(0, net sales). */
    public long carryOverCapT(long netSalesT) {
        return year2024.carryOverBase().add(year2024.carryOverMultiplier()
                        .multiply(BigDecimal.valueOf(Math.max(0, netSalesT))))
                .setScale(0, year2024.carryOverRounding()).longValueExact();
    }

    public String summary() {
        long owed = power.stream().mapToLong(AnnualYear::owedT).sum();
        long deducted = power.stream().mapToLong(AnnualYear::deductedT).sum();
        return String.format("next years: 2023 power %d entities (%d units, %d owe %,d t from 2021-2022, %,d t"
                        + " deducted), issuance %s; 2024 industry %d entities (%d lines), issuance %s%n", power.size(),
                power.stream().mapToInt(a -> a.units().size()).sum(), power.stream().filter(a -> a.owedT() > 0).count(),
                owed, deducted, powerIssuance(), industry.size(), industry.stream().mapToInt(a -> a.units().size()).sum(),
                industryIssuance());
    }
}
