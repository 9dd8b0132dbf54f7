package cn.carbon.surrender.support;

import cn.carbon.platform.time.BusinessClock;
import io.quarkus.arc.Arc;

import java.time.Instant;

/**
 * Moves the service's business clock (adjustable in the test profile): the 2021-2022 deadlines lie in the past, and
 * tests act before and after them. It runs on from where it is set, so later events stay later.
 */
public final class TestClock {

    public static final Instant BEFORE_DEADLINE = Instant.parse("2023-09-01T02:00:00Z");
    public static final Instant AFTER_DEADLINE = Instant.parse("2024-02-01T02:00:00Z");

    private TestClock() {
    }

    public static void set(Instant now) {
        Arc.container().instance(BusinessClock.class).get().set(now);
    }
}
