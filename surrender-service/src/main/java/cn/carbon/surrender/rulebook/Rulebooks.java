package cn.carbon.surrender.rulebook;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rulebooks in force, one per cycle; a compliance year belongs to exactly one cycle. */
public class Rulebooks {

    private final Map<String, Rulebook> byCycle = new LinkedHashMap<>();
    private final Map<String, Boolean> vintages = new LinkedHashMap<>();

    public Rulebooks(Collection<Rulebook> rulebooks) {
        for (Rulebook r : rulebooks) {
            Rulebook previous = byCycle.get(r.cycle());
            if (previous == null || previous.version() < r.version()) {
                byCycle.put(r.cycle(), r);
            }
        }
        for (Rulebook a : byCycle.values()) {
            for (Rulebook b : byCycle.values()) {
                if (a != b && a.complianceYears().stream().anyMatch(b::covers)) {
                    throw new IllegalArgumentException("cycles " + a.cycle() + " and " + b.cycle() + " share a year");
                }
            }
        }
        for (Rulebook r : all()) {
            r.vintages().forEach(v -> vintages.merge(v, r.isBorrowedOnly(v), Boolean::logicalOr));
        }
    }

    public static Rulebooks of(String... locations) {
        return new Rulebooks(java.util.Arrays.stream(locations).map(String::trim).map(RulebookLoader::load).toList());
    }

    public Optional<Rulebook> forYear(int complianceYear) {
        return byCycle.values().stream().filter(r -> r.covers(complianceYear)).findFirst();
    }

    public Optional<Rulebook> forCycle(String cycle) {
        return Optional.ofNullable(byCycle.get(cycle));
    }

    public List<Rulebook> all() {
        return byCycle.values().stream().sorted(Comparator.comparing(Rulebook::cycle)).toList();
    }

    /** Every vintage any rulebook knows, with whether it is borrowed-only. */
    public Map<String, Boolean> vintages() {
        return java.util.Collections.unmodifiableMap(vintages);
    }
}
