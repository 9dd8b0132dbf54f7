package cn.carbon.platform.messaging;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Duration;

/**
 * Whether a failure to apply an event is worth trying again, and for how long. Two kinds are: contention (a deadlock or
 * a serialisation failure, over after a few attempts) and the database being unavailable (restarting, failing over,
 * its connections cut), which lasts as long as the restart does. An event is dead-lettered only when it is refused,
 * never because PostgreSQL was away for a while: the consumer waits up to {@code unavailableFor}, then gives up.
 */
enum TransientFailure {
    /** Not transient: the event is refused (its consumer's DLQ takes it). */
    NONE,
    /** Two transactions in each other's way: a few quick attempts. */
    CONTENTION,
    /** No database to talk to: wait for it, with a growing pause, for a bounded time. */
    UNAVAILABLE;

    static final int CONTENTION_ATTEMPTS = 5;
    private static final long MAX_PAUSE_MILLIS = 2_000;

    static TransientFailure of(Throwable e) {
        TransientFailure kind = NONE;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof SQLTransientConnectionException || unavailable(state)) {
                return UNAVAILABLE;
            }
            if (t instanceof SQLTransientException || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException || contention(state)) {
                kind = CONTENTION;
            }
        }
        return kind;
    }

    /**
     * 08: connection exceptions; 57P01–57P03: the server shutting down, crashed or not yet accepting connections. (A
     * pool's SQLTransientConnectionException, no connection to be had, is taken as unavailable by its type.)
     */
    private static boolean unavailable(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** 40001: serialisation failure; 40P01: deadlock detected. */
    private static boolean contention(String state) {
        return "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * The pause before attempt {@code attempt + 1}, or null if the consumer gives up after {@code waited} (the time
     * already spent on this event).
     */
    Duration pauseAfter(int attempt, Duration waited, Duration unavailableFor) {
        return switch (this) {
            case NONE -> null;
            case CONTENTION -> attempt >= CONTENTION_ATTEMPTS ? null : Duration.ofMillis(200L * attempt);
            case UNAVAILABLE -> waited.compareTo(unavailableFor) >= 0 ? null
                    : Duration.ofMillis(Math.min(MAX_PAUSE_MILLIS, 250L << Math.min(attempt - 1, 4)));
        };
    }
}
