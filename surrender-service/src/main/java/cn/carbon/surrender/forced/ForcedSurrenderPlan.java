package cn.carbon.surrender.forced;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Forced surrender of custody units (notice §一; RULES.md §5.4, E8), a pure function: (1) each year's obligation
 * from custody units of its own vintage; (2) what a year still lacks from what is left of the other years' vintages
 * (then any other eligible vintage in custody); (3) everything left is released to the entity's account; what no
 * unit covered is the year's shortfall, for the province to urge. The entity's own account is never touched.
 *
 * @param surrendered per compliance year, the units surrendered by vintage (in the order taken)
 * @param released    what goes back to the entity's account, by vintage
 * @param shortfall   per compliance year, what custody could not cover
 */
public record ForcedSurrenderPlan(Map<Integer, List<Take>> surrendered, List<Take> released,
                                  Map<Integer, Long> shortfall) {

    public record Take(String vintage, long quantityT) {
    }

    /**
     * @param years      the cycle's compliance years, in order
     * @param remaining  what each year still needs (obligation not yet met)
     * @param ownVintage the vintage allocated for each year
     * @param eligible   the vintages that may serve each year
     * @param custody    the custody account's balance per vintage
     */
    public static ForcedSurrenderPlan plan(List<Integer> years, Map<Integer, Long> remaining,
                                           Map<Integer, String> ownVintage, Map<Integer, List<String>> eligible,
                                           Map<String, Long> custody) {
        Map<String, Long> left = new TreeMap<>();
        custody.forEach((v, q) -> {
            if (q > 0) {
                left.put(v, q);
            }
        });
        Map<Integer, Long> need = new LinkedHashMap<>();
        Map<Integer, Map<String, Long>> taken = new LinkedHashMap<>();
        for (int year : years) {
            need.put(year, Math.max(0, remaining.getOrDefault(year, 0L)));
            taken.put(year, new LinkedHashMap<>());
        }
        // (1) own vintage first
        for (int year : years) {
            take(year, ownVintage.get(year), left, need, taken);
        }
        // (2) the remainder of the other years' vintages, then any other eligible vintage
        for (int year : years) {
            Set<String> order = new LinkedHashSet<>();
            for (int other : years) {
                if (other != year && eligible.getOrDefault(year, List.of()).contains(ownVintage.get(other))) {
                    order.add(ownVintage.get(other));
                }
            }
            order.addAll(eligible.getOrDefault(year, List.of()));
            order.remove(ownVintage.get(year));
            for (String vintage : order) {
                take(year, vintage, left, need, taken);
            }
        }
        Map<Integer, List<Take>> surrendered = new LinkedHashMap<>();
        taken.forEach((year, byVintage) -> {
            List<Take> takes = new ArrayList<>();
            byVintage.forEach((v, q) -> takes.add(new Take(v, q)));
            surrendered.put(year, List.copyOf(takes));
        });
        // (3) the rest goes back to the entity
        List<Take> released = new ArrayList<>();
        left.forEach((v, q) -> {
            if (q > 0) {
                released.add(new Take(v, q));
            }
        });
        return new ForcedSurrenderPlan(surrendered, List.copyOf(released), Map.copyOf(need));
    }

    private static void take(int year, String vintage, Map<String, Long> left, Map<Integer, Long> need,
                             Map<Integer, Map<String, Long>> taken) {
        long available = vintage == null ? 0 : left.getOrDefault(vintage, 0L);
        long q = Math.min(available, need.get(year));
        if (q > 0) {
            left.put(vintage, available - q);
            need.put(year, need.get(year) - q);
            taken.get(year).merge(vintage, q, Long::sum);
        }
    }

    public long surrenderedT(int year) {
        return surrendered.getOrDefault(year, List.of()).stream().mapToLong(Take::quantityT).sum();
    }

    public long releasedT() {
        return released.stream().mapToLong(Take::quantityT).sum();
    }
}
