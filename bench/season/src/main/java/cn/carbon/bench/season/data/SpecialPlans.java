package cn.carbon.bench.season.data;

import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Plan;
import cn.carbon.bench.season.data.DataSet.Year;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The special paths of issue 12, chosen among the planned entities without a random draw (so the rest of the data set
 * stays as the seed made it): special statuses set after the pre-allocation, one account frozen by a court order, a
 * few entities whose units were retired after the base year (no verified data for 2022: the province declares no
 * emissions), and the one province whose verification runs after the issuance deadline.
 */
final class SpecialPlans {

    static final String FREEZE_REASON = "JUDICIAL_FREEZE";
    /** the year a retired unit has no verified data for (the base year 2021 keeps its rows) */
    static final int RETIRED_YEAR = 2022;

    private SpecialPlans() {
    }

    /** After the plans are assigned, before the figures are computed again. */
    static void mark(DataSet ds) {
        List<Entity> byIndex = new ArrayList<>(ds.entities);
        byIndex.sort(Comparator.comparingInt(e -> e.index));
        freeze(byIndex);
        List<Entity> closed = byIndex.stream().filter(e -> "FACILITIES_CLOSED".equals(e.status)).toList();
        for (int k = 0; k < closed.size(); k += 3) {
            closed.get(k).statusAfterPreAllocation = true; // a third of them, the first one at any scale
        }
        List<Entity> risk = byIndex.stream().filter(e -> "COMPLIANCE_RISK".equals(e.status) && !e.frozen).toList();
        for (int k = 0; k < risk.size(); k += 4) {
            risk.get(k).statusAfterPreAllocation = true;
        }
        retire(byIndex, ds.entities.size());
    }

    /**
     * One COMPLIANCE_RISK entity under a judicial freeze that stays short in both years whatever the order in which
     * the forced surrender takes its custody and its frozen account (its gap is positive in both years), so the
     * expectation does not depend on that order.
     */
    private static void freeze(List<Entity> byIndex) {
        Entity chosen = byIndex.stream().filter(e -> "COMPLIANCE_RISK".equals(e.status) && shortBothYears(e))
                .findFirst().orElse(null);
        if (chosen == null) { // a very small data set: an on-time entity becomes the frozen one
            chosen = byIndex.stream().filter(e -> e.plan == Plan.ON_TIME && shortBothYears(e)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no entity short in both years to freeze"));
            chosen.status = "COMPLIANCE_RISK";
        }
        chosen.frozen = true;
        chosen.plan = Plan.SPECIAL_SHORT;
        chosen.reasons = List.of(FREEZE_REASON);
        chosen.specialNote = "涉司法冻结，存在履约风险 (account under a judicial freeze): 核定配额发放至省级主管部门账户";
    }

    private static boolean shortBothYears(Entity e) {
        return e.years.values().stream().allMatch(y -> y.gapT > 0) && e.years.size() > 1;
    }

    /** About 0.3 % of the on-time operating entities (at least one) lose their 2022 rows: the units were retired. */
    private static void retire(List<Entity> byIndex, int n) {
        List<Entity> candidates = byIndex.stream().filter(e -> e.plan == Plan.ON_TIME && "OPERATING".equals(e.status)
                && e.units.stream().anyMatch(u -> u.year() == RETIRED_YEAR - 1)).toList();
        int count = Math.min(candidates.size(), Math.max(1, (int) Math.round(n * 0.003)));
        for (int k = 0; k < count; k++) {
            Entity e = candidates.get(k * candidates.size() / count);
            e.units = new ArrayList<>(e.units.stream().filter(u -> u.year() != RETIRED_YEAR).toList());
        }
    }

    /**
     * The late province: the smallest one without any other special path (so that its late verification is the only
     * thing that happens to it), the first by code among equals.
     */
    static String lateVerificationProvince(DataSet ds) {
        Map<String, Integer> size = new TreeMap<>();
        Set<String> busy = ds.entities.stream().filter(SpecialPlans::hasSpecialPath).map(e -> e.provinceCode)
                .collect(Collectors.toSet());
        ds.entities.forEach(e -> size.merge(e.provinceCode, 1, Integer::sum));
        return size.entrySet().stream().filter(p -> !busy.contains(p.getKey()) || busy.size() == size.size())
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElseThrow();
    }

    static boolean hasSpecialPath(Entity e) {
        return e.frozen || e.statusAfterPreAllocation || e.years.values().stream().anyMatch(y -> y.noEmissions);
    }

    static boolean anyNoEmissions(Entity e) {
        return e.years.values().stream().anyMatch(y -> y.noEmissions);
    }

    static long total(Entity e, java.util.function.ToLongFunction<Year> f) {
        return e.years.values().stream().mapToLong(f).sum();
    }
}
