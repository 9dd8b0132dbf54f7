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

    @Test
    void idleBucketsAreForgottenOneByOneAndAFloodResetsNobody() {
        long t0 = 3 * SECOND;
        RateLimiter limiter = new RateLimiter(1, 2, 3, t0);
        assertThat(limiter.acquire("greedy", t0)).isZero();
        assertThat(limiter.acquire("greedy", t0)).isZero();
        assertThat(limiter.acquire("greedy", t0)).as("burst spent").isEqualTo(1);
        assertThat(limiter.acquire("quiet", t0)).isZero();
        // a flood of new clients within the same second: the table is full, nobody's bucket is cleared
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("flood-" + i, t0);
        }
        assertThat(limiter.clients()).isEqualTo(3);
        assertThat(limiter.acquire("greedy", t0)).as("still limited after the flood").isEqualTo(1);
        // after 1.5 s "quiet" and "flood-0" (1 of 2 tokens left, +1.5) are full again: only such buckets are forgotten
        long later = t0 + 3 * SECOND / 2;
        assertThat(limiter.evictIdle(later)).isEqualTo(2);
        assertThat(limiter.clients()).isEqualTo(1);
        assertThat(limiter.acquire("greedy", later)).as("greedy kept its bucket: 1.5 tokens").isZero();
        assertThat(limiter.acquire("greedy", later)).isEqualTo(1);
    }
}
