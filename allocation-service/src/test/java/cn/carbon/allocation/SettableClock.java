package cn.carbon.allocation;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tests' clock (it replaces the service's system clock): 2023-04-01 10:00 Asia/Shanghai, before every deadline of
 * the notice (pre-allocation 04-30 … borrowing and relief 08-04), so that the tests' runs, imports and applications
 * are on time, unless a test sets another instant (and resets it after).
 */
@Singleton
public class SettableClock extends Clock {

    public static final Instant DEFAULT = Instant.parse("2023-04-01T02:00:00Z");

    private volatile Instant now = DEFAULT;

    public void set(Instant instant) {
        now = instant;
    }

    public void reset() {
        now = DEFAULT;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
