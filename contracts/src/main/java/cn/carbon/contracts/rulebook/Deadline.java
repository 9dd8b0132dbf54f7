package cn.carbon.contracts.rulebook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A dated rule of the notice, in the rulebook's time zone (Asia/Shanghai). A {@code BY} deadline includes its whole
 * day: it is missed from the start of the next day in that zone. An {@code AFTER} date opens at the end of its day.
 * {@code appliesTo}: the allocation-stage actions this deadline binds (empty for the others).
 */
public record Deadline(String key, RuleValue<LocalDate> date, DeadlineKind kind, String description, ZoneId zone,
                       List<StageAction> appliesTo) {

    public Deadline {
        appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
    }

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
