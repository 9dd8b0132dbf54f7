package cn.carbon.allocation.rulebook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A dated rule of the notice, in the rulebook's time zone (Asia/Shanghai). A {@code BY} deadline includes its whole
 * day: it is missed from the start of the next day in that zone. An {@code AFTER} date opens at the end of its day.
 */
public record Deadline(String key, RuleValue<LocalDate> date, DeadlineKind kind, String description, ZoneId zone) {

    /** The first instant after the day: {@code date + 1 day, 00:00} in the rulebook's zone. */
    public ZonedDateTime endOfDay() {
        return date.value().plusDays(1).atStartOfDay(zone);
    }

    /** For a {@code BY} deadline: whether {@code at} is too late. */
    public boolean isMissedAt(Instant at) {
        return !at.isBefore(endOfDay().toInstant());
    }

    /** For an {@code AFTER} date: whether {@code at} is late enough. */
    public boolean isOpenAt(Instant at) {
        return !at.isBefore(endOfDay().toInstant());
    }
}
