package cn.carbon.surrender.forced;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Forced surrender (notice §一; RULES.md §5.4, E8; issue 12 item 7), a pure function. It draws on the custody account
 * held for the entity and, only while a court freezes the entity's holding account, on that holding account too (the
 * frozen holder cannot surrender itself; the entrusted forced surrender still may). The order:
 * <ol>
 * <li>each year's obligation from units of its own vintage;</li>
 * <li>what a year still lacks from what is left of the other years' vintages, then any other eligible vintage;</li>
 * <li>within each vintage of steps 1 and 2: custody first, then the frozen holding account;</li>
 * <li>what is left in custody is released to the entity's account; what is left in the holding account stays there;
 * what no unit covered is the year's shortfall, for the province to urge.</li>
 * </ol>
 * An account that is not frozen is never drawn on (pass no holding balances): then only custody units serve.
 * Restricted (borrowed) units never enter a forced surrender: the caller leaves them out of the holding balances.
 *
 * @param surrendered per compliance year, the units surrendered by vintage and account (in the order taken)
 * @param released    what goes back from custody to the entity's account, by vintage
 * @param shortfall   per compliance year, what neither account could cover
 */
public record ForcedSurrenderPlan(Map<Integer, List<Take>> surrendered, List<Take> released,
                                  Map<Integer, Long> shortfall) {

    /** The account a line is drawn from. */
    public enum Source {
        CUSTODY, HOLDING
    }

    public record Take(String vintage, long quantityT, Source from) {

        /** A line from the custody account. */
        public Take(String vintage, long quantityT) {
            this(vintage, quantityT, Source.CUSTODY);
        }
    }

    /** Custody units only: the entity's holding account is not frozen. */
    public static ForcedSurrenderPlan plan(List<Integer> years, Map<Integer, Long> remaining,
                                           Map<Integer, String> ownVintage, Map<Integer, List<String>> eligible,
                                           Map<String, Long> custody) {
        return plan(years, remaining, ownVintage, eligible, custody, Map.of());
    }

    /**
     * @param years         the cycle's compliance years, in order
     * @param remaining     what each year still needs (obligation not yet met)
     * @param ownVintage    the vintage allocated for each year
     * @param eligible      the vintages that may serve each year
     * @param custody       the custody account's balance per vintage
     * @param frozenHolding the frozen holding account's free (unrestricted) balance per vintage; empty when the
     *                      account is not frozen
     */
    public static ForcedSurrenderPlan plan(List<Integer> years, Map<Integer, Long> remaining,
                                           Map<Integer, String> ownVintage, Map<Integer, List<String>> eligible,
                                           Map<String, Long> custody, Map<String, Long> frozenHolding) {
        Map<Source, Map<String, Long>> left = new EnumMap<>(Source.class);
        left.put(Source.CUSTODY, positive(custody));
        left.put(Source.HOLDING, positive(frozenHolding));
        Map<Integer, Long> need = new LinkedHashMap<>();
        Map<Integer, Map<Line, Long>> taken = new LinkedHashMap<>();
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
        taken.forEach((year, lines) -> {
            List<Take> takes = new ArrayList<>();
            lines.forEach((line, q) -> takes.add(new Take(line.vintage(), q, line.from())));
            surrendered.put(year, List.copyOf(takes));
        });
        // (4) the rest of custody goes back to the entity; the holding account keeps its rest
        List<Take> released = new ArrayList<>();
        left.get(Source.CUSTODY).forEach((v, q) -> {
            if (q > 0) {
                released.add(new Take(v, q, Source.CUSTODY));
            }
        });
        return new ForcedSurrenderPlan(surrendered, List.copyOf(released), Map.copyOf(need));
    }

    private record Line(String vintage, Source from) {
    }

    private static Map<String, Long> positive(Map<String, Long> balances) {
        Map<String, Long> out = new TreeMap<>();
        balances.forEach((v, q) -> {
            if (q > 0) {
                out.put(v, q);
            }
        });
        return out;
    }

    /** (3) custody before the holding account, within one vintage. */
    private static void take(int year, String vintage, Map<Source, Map<String, Long>> left, Map<Integer, Long> need,
                             Map<Integer, Map<Line, Long>> taken) {
        if (vintage == null) {
            return;
        }
        for (Source from : Source.values()) {
            Map<String, Long> balances = left.get(from);
            long available = balances.getOrDefault(vintage, 0L);
            long q = Math.min(available, need.get(year));
            if (q > 0) {
                balances.put(vintage, available - q);
                need.put(year, need.get(year) - q);
                taken.get(year).merge(new Line(vintage, from), q, Long::sum);
            }
        }
    }

    public long surrenderedT(int year) {
        return surrendered.getOrDefault(year, List.of()).stream().mapToLong(Take::quantityT).sum();
    }

    /** What the year took from {@code from}. */
    public long surrenderedT(int year, Source from) {
        return surrendered.getOrDefault(year, List.of()).stream().filter(t -> t.from() == from)
                .mapToLong(Take::quantityT).sum();
    }

    public long releasedT() {
        return released.stream().mapToLong(Take::quantityT).sum();
    }
}
