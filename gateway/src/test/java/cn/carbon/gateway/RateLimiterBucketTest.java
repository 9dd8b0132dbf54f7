package cn.carbon.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket on a clock the test drives: burst, refusal with the wait, refill at the steady rate, cap. */
class RateLimiterBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesThenTheWaitIsTheTimeToTheNextToken() {
        long t0 = 42 * SECOND;
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(5, t0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.take(1, 5, t0)).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(bucket.take(1, 5, t0)).isEqualTo(1);
        // half a second later half a token has come back: still 1 s to wait (rounded up)
        assertThat(bucket.take(1, 5, t0 + SECOND / 2)).isEqualTo(1);
        // a whole token after one second: one request passes, the next is refused again
        assertThat(bucket.take(1, 5, t0 + SECOND)).isZero();
        assertThat(bucket.take(1, 5, t0 + SECOND)).isEqualTo(1);
    }

    @Test
    void refillStopsAtTheBurstAndASlowRateMeansALongWait() {
        long t0 = 7 * SECOND;
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(2, t0);
        assertThat(bucket.take(0.5, 2, t0)).isZero();
        assertThat(bucket.take(0.5, 2, t0)).isZero();
        assertThat(bucket.take(0.5, 2, t0)).as("0.5 token per second: 2 s to the next").isEqualTo(2);
        // an hour idle refills only up to the burst
        long later = t0 + 3600 * SECOND;
        assertThat(bucket.take(0.5, 2, later)).isZero();
        assertThat(bucket.take(0.5, 2, later)).isZero();
        assertThat(bucket.take(0.5, 2, later)).isEqualTo(2);
    }
}
