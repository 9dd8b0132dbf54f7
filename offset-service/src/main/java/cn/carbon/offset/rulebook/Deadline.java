package cn.carbon.offset.rulebook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A dated rule of the notice, in the rulebook's time zone (Asia/Shanghai). A {@code BY} deadline includes its whole
 * day: it is missed from the start of the next day. An {@code AFTER} date opens at the end of its day.
 */
public record Deadline(String key, LocalDate date, Kind kind, String description, ZoneId zone) {

    public enum Kind {
        BY, AFTER
    }

    /** The first instant after the day: {@code date + 1 day, 00:00} in the rulebook's zone. */
    public Instant endOfDay() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** For a {@code BY} deadline: whether {@code at} is too late. */
    public boolean isMissedAt(Instant at) {
        return !at.isBefore(endOfDay());
    }

    /** For an {@code AFTER} date: whether {@code at} is late enough. */
    public boolean isOpenAt(Instant at) {
        return !at.isBefore(endOfDay());
    }
}
