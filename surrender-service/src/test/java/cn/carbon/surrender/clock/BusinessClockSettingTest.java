package cn.carbon.surrender.clock;

import cn.carbon.platform.time.BusinessClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An adjustable business clock kept in the service's database (platform V0_8): a restarted service (here a new clock
 * on the same database) resumes where the registry set it, and its time has run on meanwhile; a clock that may not
 * move ignores what is stored.
 */
@QuarkusTest
class BusinessClockSettingTest {

    static final Optional<String> STACK_START = Optional.of("2023-07-20T09:00:00+08:00");
    static final Instant SET_TO = OffsetDateTime.parse("2023-08-21T10:00:00+08:00").toInstant();

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void forget() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from business_clock");
        }
    }

    @Test
    void aRestartedServiceResumesFromTheRegistrysSettingNotFromItsStart() throws Exception {
        forget();
        assertThat(new BusinessClock(STACK_START, true, dataSource).instant())
                .as("nothing stored yet: the configured start")
                .isBetween(Instant.parse("2023-07-20T01:00:00Z"), Instant.parse("2023-07-20T01:01:00Z"));

        new BusinessClock(STACK_START, true, dataSource).set(SET_TO);
        Thread.sleep(1_100);

        Instant resumed = new BusinessClock(STACK_START, true, dataSource).instant();
        assertThat(Duration.between(SET_TO, resumed)).as("resumed from the setting, having run on since")
                .isBetween(Duration.ofMillis(1_000), Duration.ofSeconds(30));
    }

    @Test
    void aClockThatMayNotMoveIgnoresAStoredSetting() {
        new BusinessClock(STACK_START, true, dataSource).set(SET_TO);
        assertThat(new BusinessClock(STACK_START, false, dataSource).instant())
                .isBetween(Instant.parse("2023-07-20T01:00:00Z"), Instant.parse("2023-07-20T01:01:00Z"));
        assertThat(new BusinessClock(Optional.empty(), false, dataSource).instant())
                .isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
    }

    @Test
    void theLatestSettingWins() {
        new BusinessClock(STACK_START, true, dataSource).set(SET_TO);
        Instant later = SET_TO.plus(Duration.ofDays(90));
        new BusinessClock(STACK_START, true, dataSource).set(later);
        assertThat(Duration.between(later, new BusinessClock(STACK_START, true, dataSource).instant()).abs())
                .isLessThan(Duration.ofSeconds(30));
    }
}
