package cn.carbon.platform.messaging;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("commit failed",
                new RuntimeException("could not execute statement", new SQLException("server said no", sqlState)));
    }

    @Test
    void aDatabaseShuttingDownIsWaitedFor() {
        // what PostgreSQL says to open connections when it is restarted
        assertThat(TransientFailure.of(wrapped("57P01"))).isEqualTo(TransientFailure.UNAVAILABLE);
        assertThat(TransientFailure.of(wrapped("57P03"))).isEqualTo(TransientFailure.UNAVAILABLE);
        assertThat(TransientFailure.of(wrapped("08006"))).isEqualTo(TransientFailure.UNAVAILABLE);
        assertThat(TransientFailure.of(new org.hibernate.exception.JDBCConnectionException("gone",
                new SQLException("refused")))).isEqualTo(TransientFailure.UNAVAILABLE);
        // the pool had no connection to give within its timeout: the database is away, not busy
        assertThat(TransientFailure.of(new RuntimeException("acquire",
                new java.sql.SQLTransientConnectionException("timed out acquiring a connection"))))
                .isEqualTo(TransientFailure.UNAVAILABLE);
    }

    @Test
    void contentionIsRetriedAFewTimes() {
        assertThat(TransientFailure.of(wrapped("40P01"))).isEqualTo(TransientFailure.CONTENTION);
        assertThat(TransientFailure.of(wrapped("40001"))).isEqualTo(TransientFailure.CONTENTION);
        TransientFailure deadlock = TransientFailure.CONTENTION;
        assertThat(deadlock.pauseAfter(1, Duration.ZERO, WAIT)).isEqualTo(Duration.ofMillis(200));
        assertThat(deadlock.pauseAfter(4, Duration.ofSeconds(2), WAIT)).isEqualTo(Duration.ofMillis(800));
        assertThat(deadlock.pauseAfter(TransientFailure.CONTENTION_ATTEMPTS, Duration.ofSeconds(2), WAIT)).isNull();
    }

    @Test
    void anUnavailableDatabaseIsWaitedForLongerThanARestartThenGivenUp() {
        TransientFailure down = TransientFailure.UNAVAILABLE;
        assertThat(down.pauseAfter(1, Duration.ZERO, WAIT)).isEqualTo(Duration.ofMillis(250));
        assertThat(down.pauseAfter(3, Duration.ofSeconds(1), WAIT)).isEqualTo(Duration.ofMillis(1_000));
        // capped, and still waiting long after contention would have given up
        assertThat(down.pauseAfter(40, Duration.ofSeconds(60), WAIT)).isEqualTo(Duration.ofMillis(2_000));
        assertThat(down.pauseAfter(41, WAIT, WAIT)).isNull();
    }

    @Test
    void aRefusedEventIsNotRetried() {
        assertThat(TransientFailure.of(new IllegalArgumentException("no obligation for 2021"))).isEqualTo(TransientFailure.NONE);
        assertThat(TransientFailure.of(wrapped("23505"))).isEqualTo(TransientFailure.NONE);
        assertThat(TransientFailure.NONE.pauseAfter(1, Duration.ZERO, WAIT)).isNull();
    }
}
