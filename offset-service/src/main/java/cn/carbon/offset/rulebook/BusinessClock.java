package cn.carbon.offset.rulebook;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The time deadlines are judged by. Normally the real time; {@code carbon.clock.start} starts it at another instant
 * (a demo or a replay of the 2023 season) from which it runs on, so that the order of events is kept.
 */
@ApplicationScoped
public class BusinessClock {

    private final Clock clock;

    public BusinessClock(@ConfigProperty(name = "carbon.clock.start") Optional<String> start) {
        Clock system = Clock.systemUTC();
        this.clock = start.filter(s -> !s.isBlank())
                .map(s -> Clock.offset(system, Duration.between(system.instant(), OffsetDateTime.parse(s).toInstant())))
                .orElse(system);
    }

    public Instant now() {
        return clock.instant();
    }
}
