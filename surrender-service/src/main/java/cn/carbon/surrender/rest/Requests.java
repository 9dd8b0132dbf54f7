package cn.carbon.surrender.rest;

import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Parsing shared by the resources: quantities arrive as JSON numbers of any size and are checked here. */
final class Requests {

    private Requests() {
    }

    /** A whole, positive number of tonnes that fits a long (2^63 does not). */
    static long tonnes(BigDecimal value, String field) {
        if (value == null) {
            throw ProblemException.invalid(field, "is required");
        }
        if (value.signum() <= 0) {
            throw ProblemException.invalid(field, "must be a positive whole number of tonnes");
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw ProblemException.invalid(field, value.stripTrailingZeros().scale() > 0
                    ? "must be a whole number of tonnes" : "must be at most " + Long.MAX_VALUE + " tonnes");
        }
    }

    static int year(Integer value, String field) {
        if (value == null) {
            throw ProblemException.invalid(field, "is required");
        }
        return value;
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        return value;
    }

    /**
     * {@code 2023-12-31} (the whole day, in the rulebook's zone) or an instant; answers the first instant after it, so
     * that what happened at or before it counts.
     */
    static Instant asOfEnd(String asOf, ZoneId zone, Instant now) {
        if (asOf == null || asOf.isBlank()) {
            return now.plusNanos(1);
        }
        try {
            return LocalDate.parse(asOf).plusDays(1).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(asOf).plusNanos(1);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("asOf", "a date (2023-12-31) or an instant (2023-12-31T08:00:00Z)");
            }
        }
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
