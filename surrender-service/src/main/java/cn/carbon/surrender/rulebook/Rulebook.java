package cn.carbon.surrender.rulebook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a cycle's rulebook the ledger applies: which vintages exist, which serve which compliance year, which
 * are borrowed-only, and the deadlines; taken from the rulebook allocation-service published ({@link #of}).
 *
 * @param ownVintage   the vintage allocated for each compliance year (forced surrender uses it first)
 * @param eligible     the vintages that may be surrendered freely against each compliance year
 * @param borrowedOnly vintages that exist only as borrowed units, usable only by the borrower for its year
 */
public record Rulebook(String rulebookId, int version, String cycle, ZoneId timeZone, List<Integer> complianceYears,
                       List<String> vintages, Map<Integer, String> ownVintage, Map<Integer, List<String>> eligible,
                       Set<String> borrowedOnly, Map<String, LocalDate> deadlines, List<Target> targets) {

    public static final String COMPLIANCE_DEADLINE = "complianceDeadline";

    /** A share of entities that must have complied by a deadline (K26: 95 % by 11-15, 100 % by 12-31). */
    public record Target(String deadline, LocalDate date, double shareOfEntities) {
    }

    /** The ledger's part of a published rulebook. */
    public static Rulebook of(cn.carbon.contracts.rulebook.Rulebook rb) {
        var v = rb.vintages();
        Map<Integer, String> own = Map.copyOf(v.allocation().value());
        Map<Integer, List<String>> eligible = new LinkedHashMap<>();
        v.eligible().forEach((year, list) -> eligible.put(year, List.copyOf(list.value())));
        Set<String> borrowedOnly = new LinkedHashSet<>(v.borrowedOnly().value());
        Set<String> known = new TreeSet<>(own.values());
        eligible.values().forEach(known::addAll);
        known.addAll(borrowedOnly);
        Map<String, LocalDate> deadlines = new LinkedHashMap<>();
        rb.deadlines().forEach((key, d) -> deadlines.put(key, d.date().value()));
        List<Target> targets = rb.complianceTargets().value().stream().map(t -> new Target(t.deadline(),
                deadlines.get(t.deadline()), t.shareOfEntities().doubleValue())).toList();
        return new Rulebook(rb.id(), rb.version(), rb.cycle(), rb.timeZone(), List.copyOf(rb.complianceYears()),
                List.copyOf(known), own, Map.copyOf(eligible), Set.copyOf(borrowedOnly), Map.copyOf(deadlines), targets);
    }

    public boolean covers(int complianceYear) {
        return complianceYears.contains(complianceYear);
    }

    public boolean knows(String vintage) {
        return vintages.contains(vintage);
    }

    public boolean isBorrowedOnly(String vintage) {
        return borrowedOnly.contains(vintage);
    }

    /** The first instant after the compliance deadline: a deadline "by" a date includes that whole day. */
    public Instant complianceDeadline() {
        return endOf(deadlines.get(COMPLIANCE_DEADLINE));
    }

    /** The first instant after {@code date} in the rulebook's time zone. */
    public Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(timeZone).toInstant();
    }

    public String ref() {
        return rulebookId + " v" + version;
    }
}
