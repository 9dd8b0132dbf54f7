package cn.carbon.console;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compliance progress week by week from the compliance records: each entity that complied (on time or late) counts in
 * the week (Monday to Sunday, in the rulebook's time zone) its record was completed, with its obligation. Exempt
 * entities have no obligation and stay out of the share, as in the service's own counts; a week without completions
 * between the first and the last is listed with nothing added, so the line has no holes.
 */
public final class WeeklyProgress {

    private WeeklyProgress() {
    }

    /** One compliance record: obligation null while unknown. */
    public record Entry(String status, Long obligationT, long obligationAddedT, Instant completedAt) {

        boolean complied() {
            return ("COMPLIANT".equals(status) || "COMPLIANT_LATE".equals(status)) && completedAt != null;
        }

        boolean exempt() {
            return "EXEMPT".equals(status);
        }

        long obligation() {
            return (obligationT == null ? 0 : obligationT) + obligationAddedT;
        }
    }

    /** A week from its Monday: entities and obligation completed in it and so far, the share so far in per cent. */
    public record Week(LocalDate monday, long completed, long completedSoFar, double percentSoFar,
                       long obligationCompletedT, long obligationCompletedSoFarT) {
    }

    /** {@code obliged}: entities counted (not exempt); {@code obligationT}: their total obligation. */
    public record Progress(long obliged, long exempt, long obligationT, List<Week> weeks) {
    }

    public static Progress of(Collection<Entry> entries, ZoneId zone) {
        long obliged = 0;
        long exempt = 0;
        long obligation = 0;
        Map<LocalDate, long[]> byWeek = new TreeMap<>();
        for (Entry e : entries) {
            if (e.exempt()) {
                exempt++;
                continue;
            }
            obliged++;
            obligation += e.obligation();
            if (e.complied()) {
                long[] w = byWeek.computeIfAbsent(monday(e.completedAt(), zone), d -> new long[2]);
                w[0]++;
                w[1] += e.obligation();
            }
        }
        List<Week> weeks = new ArrayList<>();
        if (!byWeek.isEmpty()) {
            LocalDate last = ((TreeMap<LocalDate, long[]>) byWeek).lastKey();
            long soFar = 0;
            long tonnesSoFar = 0;
            for (LocalDate d = ((TreeMap<LocalDate, long[]>) byWeek).firstKey(); !d.isAfter(last); d = d.plusWeeks(1)) {
                long[] w = byWeek.getOrDefault(d, new long[2]);
                soFar += w[0];
                tonnesSoFar += w[1];
                weeks.add(new Week(d, w[0], soFar, percent(soFar, obliged), w[1], tonnesSoFar));
            }
        }
        return new Progress(obliged, exempt, obligation, weeks);
    }

    static LocalDate monday(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Per cent to one decimal, rounded down so that 94.96 % never reads as the 95 % line reached. */
    static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.floor(part * 1000.0 / whole) / 10;
    }
}
