package cn.carbon.platform.time;

import cn.carbon.platform.web.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The time deadlines are judged by. Normally the real time. {@code carbon.clock.start} starts it at another instant
 * (a demo, or a replay of the 2023 season) from which it runs on, so that the order of events is kept; with
 * {@code carbon.clock.adjustable=true} (local stack and season runs only, never production) the registry may move it,
 * and the setting is kept in the service's database: a restarted service resumes from it (its clock having run on
 * meanwhile) instead of going back to {@code carbon.clock.start}. Services hand it out as their {@link Clock} bean.
 */
@Singleton
@Typed(BusinessClock.class)
public class BusinessClock extends Clock {

    private final boolean adjustable;
    private final ClockSettingStore settings;
    private volatile Duration offset;

    @Inject
    public BusinessClock(@ConfigProperty(name = "carbon.clock.start") Optional<String> start,
                         @ConfigProperty(name = "carbon.clock.adjustable", defaultValue = "false") boolean adjustable,
                         @ConfigProperty(name = "carbon.clock.keep-setting", defaultValue = "true") boolean keepSetting,
                         Instance<AgroalDataSource> dataSource) {
        this(start, adjustable, adjustable && keepSetting && dataSource.isResolvable() ? dataSource.get() : null);
    }

    /** @param dataSource where an adjustable clock keeps its setting (null: kept in memory only) */
    public BusinessClock(Optional<String> start, boolean adjustable, DataSource dataSource) {
        this.adjustable = adjustable;
        this.settings = adjustable && dataSource != null ? new ClockSettingStore(dataSource) : null;
        this.offset = Optional.ofNullable(settings).flatMap(ClockSettingStore::offset)
                .orElseGet(() -> start.filter(s -> !s.isBlank())
                        .map(s -> Duration.between(Instant.now(), OffsetDateTime.parse(s).toInstant()))
                        .orElse(Duration.ZERO));
    }

    public boolean adjustable() {
        return adjustable;
    }

    /** Moves the clock so that it reads {@code now} and runs on from there. */
    public void set(Instant now) {
        if (!adjustable) {
            throw new ProblemException(409, "clock-not-adjustable", "Clock not adjustable",
                    "this service runs on the real time (carbon.clock.adjustable is off)", java.util.List.of());
        }
        Duration moved = Duration.between(Instant.now(), now);
        if (settings != null) {
            settings.save(moved, now);
        }
        offset = moved;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }
}
