package cn.carbon.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per client (the token's client, else the caller's address): a steady rate with a burst allowance.
 * Per gateway replica; the deadline-week runbook scales the limits with the replicas. A bucket idle long enough to be
 * full again is the same as a new one, so such buckets are forgotten one by one (every few seconds, and when the
 * table reaches {@code max-clients}); a client never gets its burst back because others flooded the table. While the
 * table is full of active clients, newcomers share one bucket.
 */
@ApplicationScoped
public class RateLimiter {

    private static final long SWEEP_EVERY_NANOS = 5_000_000_000L;

    private final double perSecond;
    private final double burst;
    private final int maxClients;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private final AtomicLong lastSweep;

    @Inject
    public RateLimiter(RoutesConfig config) {
        this(config.rateLimit().requestsPerSecond(), config.rateLimit().burst(), config.rateLimit().maxClients(),
                System.nanoTime());
    }

    RateLimiter(double perSecond, double burst, int maxClients, long now) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxClients = maxClients;
        this.overflow = new Bucket(burst, now);
        this.lastSweep = new AtomicLong(now);
    }

    /** 0 if the request may pass now, else the seconds to wait before retrying. */
    public long acquire(String client) {
        return acquire(client, System.nanoTime());
    }

    long acquire(String client, long now) {
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
            evictIdle(now);
        }
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                evictIdle(now);
            }
            bucket = buckets.size() >= maxClients ? overflow : buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        }
        return bucket.take(perSecond, burst, now);
    }

    /** Forgets each bucket that has refilled to the burst since its last request; returns how many. */
    int evictIdle(long now) {
        int evicted = 0;
        for (Map.Entry<String, Bucket> e : buckets.entrySet()) {
            if (e.getValue().fullAt(now, perSecond, burst) && buckets.remove(e.getKey(), e.getValue())) {
                evicted++;
            }
        }
        return evicted;
    }

    int clients() {
        return buckets.size();
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

        synchronized boolean fullAt(long now, double perSecond, double burst) {
            return tokens + (now - last) / 1e9 * perSecond >= burst;
        }
    }
}
