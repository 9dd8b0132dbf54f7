package cn.carbon.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (the token's client, else the caller's address): a steady rate with a burst allowance.
 * Per gateway replica; the deadline-week runbook scales the limits with the replicas.
 */
@ApplicationScoped
public class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RoutesConfig config) {
        this.perSecond = config.rateLimit().requestsPerSecond();
        this.burst = config.rateLimit().burst();
    }

    /** 0 if the request may pass now, else the seconds to wait before retrying. */
    public long acquire(String client) {
        if (buckets.size() > 100_000) {
            buckets.clear(); // bounded memory under a flood of distinct clients
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst)).take(perSecond, burst, System.nanoTime());
    }

    static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens) {
            this(tokens, System.nanoTime());
        }

        /** A bucket as of {@code now} (nanoseconds): tests drive the clock themselves. */
        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond);
        }
    }
}
