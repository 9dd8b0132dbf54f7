package cn.carbon.surrender.ledger;

import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Parameters and values of native SQL: typed, so that a null binds as the column's type rather than as bytea. */
public final class Sql {

    private Sql() {
    }

    public static TypedParameterValue<String> text(String value) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, value);
    }

    public static TypedParameterValue<Integer> integer(Integer value) {
        return new TypedParameterValue<>(StandardBasicTypes.INTEGER, value);
    }

    public static TypedParameterValue<Long> number(Long value) {
        return new TypedParameterValue<>(StandardBasicTypes.LONG, value);
    }

    public static TypedParameterValue<Instant> at(Instant value) {
        return new TypedParameterValue<>(StandardBasicTypes.INSTANT, value);
    }

    /** A timestamptz column as the driver returned it. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    public static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
