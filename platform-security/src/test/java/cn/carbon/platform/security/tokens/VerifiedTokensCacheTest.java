package cn.carbon.platform.security.tokens;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The verified-token cache: a token's identity until its expiry, never after; bounded; off when disabled. */
class VerifiedTokensCacheTest {

    static final long T0 = 1_800_000_000L;

    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(T0));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private static SecurityIdentity identity(String name) {
        Principal p = () -> name;
        return QuarkusSecurityIdentity.builder().setPrincipal(p).addRole("province").build();
    }

    @Test
    void aTokenIsAnsweredUntilItExpiresAndNotAfter() {
        MovableClock clock = new MovableClock();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        VerifiedTokens.Cache cache = new VerifiedTokens.Cache(true, 10, metrics, clock);
        SecurityIdentity a = identity("province.320000");
        cache.put("token-a", a, T0 + 300);

        assertThat(cache.get("token-a")).isSameAs(a);
        assertThat(cache.get("token-a-altered")).isNull();
        clock.now.set(Instant.ofEpochSecond(T0 + 299));
        assertThat(cache.get("token-a")).isSameAs(a);
        clock.now.set(Instant.ofEpochSecond(T0 + 300));
        assertThat(cache.get("token-a")).as("expired at exp").isNull();
        assertThat(cache.size()).isZero();
        assertThat(metrics.get("carbon.security.token.cache").tag("outcome", "hit").counter().count()).isEqualTo(2);
        assertThat(metrics.get("carbon.security.token.cache").tag("outcome", "miss").counter().count()).isEqualTo(2);
    }

    @Test
    void anExpiredTokenIsNeverKeptAndTheCacheStaysBounded() {
        MovableClock clock = new MovableClock();
        VerifiedTokens.Cache cache = new VerifiedTokens.Cache(true, 3, new SimpleMeterRegistry(), clock);
        cache.put("late", identity("late"), T0 - 1);
        assertThat(cache.get("late")).isNull();
        for (int i = 0; i < 10; i++) {
            cache.put("t" + i, identity("u" + i), T0 + 60);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get("t9")).isNotNull();
    }

    @Test
    void disabledItKeepsNothing() {
        VerifiedTokens.Cache cache = new VerifiedTokens.Cache(false, 10, new SimpleMeterRegistry(), new MovableClock());
        cache.put("token-a", identity("a"), T0 + 300);
        assertThat(cache.get("token-a")).isNull();
        assertThat(cache.size()).isZero();
    }
}
