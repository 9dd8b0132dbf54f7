package cn.carbon.platform.time;

import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The time deadlines are judged by. Normally the real time. {@code carbon.clock.start} starts it at another instant
 * (a demo, or a replay of the 2023 season) from which it runs on, so that the order of events is kept; with
 * {@code carbon.clock.adjustable=true} (local stack and season runs only, never production) the registry may move it.
 * Services hand it out as their {@link Clock} bean.
 */
@Singleton
@Typed(BusinessClock.class)
public class BusinessClock extends Clock {

    private final boolean adjustable;
    private volatile Duration offset;

    public BusinessClock(@ConfigProperty(name = "carbon.clock.start") Optional<String> start,
                         @ConfigProperty(name = "carbon.clock.adjustable", defaultValue = "false") boolean adjustable) {
        this.adjustable = adjustable;
        this.offset = start.filter(s -> !s.isBlank())
                .map(s -> Duration.between(Instant.now(), OffsetDateTime.parse(s).toInstant()))
                .orElse(Duration.ZERO);
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
        offset = Duration.between(Instant.now(), now);
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
