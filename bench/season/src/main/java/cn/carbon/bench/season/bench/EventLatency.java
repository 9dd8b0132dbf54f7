package cn.carbon.bench.season.bench;

import cn.carbon.bench.season.Args;
import cn.carbon.bench.season.data.Provinces;
import cn.carbon.bench.season.data.Uscc;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event latency from commit to applied: entities are registered at a fixed rate straight at allocation-service (so
 * that the gateway's per-client limit does not shape the rate), and each {@code EntityRegistered} is timed from its
 * outbox row ({@code outbox_event.created_at}, the registering transaction) to the consumers' inbox rows
 * ({@code inbox_applied_event.applied_at}, the applying transaction), across the databases of the one PostgreSQL.
 * <pre>
 *   events --rate 200 --seconds 30                          p50/p99 per consumer
 *   events --rate 200 --backlog 60 --carbon ./carbon        surrender-service stopped, 60 s produced, started: drain time
 *   events --rate 200 --seconds 30 --warmup 20 --settle 120 --pids P1,P2,…
 * </pre>
 * With {@code --settle MAX}, registrations at the same rate warm the path first, unmeasured, 10 s at a time, until the
 * JIT compiler threads of the processes {@code --pids} (the producer and the consumers) spent less than 5 % of their
 * CPU in the last 10 s, or MAX seconds: the measurement reads the steady state, as the reads' does
 * ({@link FixedRateLoad#settle}); the first minute after a start is a figure of its own.
 */
public final class EventLatency {

    static final String[] CONSUMERS = {"surrender", "offset", "risk"};

    private EventLatency() {
    }

    public static int main(Args a) throws Exception {
        double rate = a.number("rate", 200);
        int backlog = (int) a.integer("backlog", 0);
        int seconds = backlog > 0 ? backlog : (int) a.integer("seconds", 30);
        String carbon = a.get("carbon", "./carbon");
        String tag = a.get("tag", tag());
        String token = FixedRateLoad.token(a);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
        String base = a.get("jdbc", "jdbc:postgresql://127.0.0.1:5433/");
        if (backlog > 0) {
            System.out.println("stopping surrender-service");
            exec(carbon, "svc-stop", "surrender-service");
        }
        String url = a.get("url", "http://127.0.0.1:8081/api/allocation/entities");
        int settle = (int) a.integer("settle", 0);
        if (settle > 0) {
            settle(client, url, token, tag, rate, FixedRateLoad.pids(a.get("pids", "")), (int) a.integer("warmup", 10), settle);
        }
        List<String> usccs = usccs(tag, 0, (int) (rate * seconds));
        int total = usccs.size();
        long t0 = System.nanoTime();
        long errors = register(client, url, token, usccs, rate);
        double produced = (System.nanoTime() - t0) / 1e9;
        System.out.printf("registered %d entities in %.1f s (%.0f/s), %d refused%n", total, produced, total / produced, errors);
        if (backlog > 0) {
            long startCmd = System.nanoTime();
            exec(carbon, "svc-start", "surrender-service");
            long ready = System.nanoTime();
            long drained = awaitApplied(base + "surrender", usccs, Duration.ofSeconds(a.integer("drain-seconds", 900)));
            System.out.printf("RESULT backlog_s=%d events=%d start_to_ready_s=%.1f ready_to_drained_s=%.1f start_to_drained_s=%.1f%n",
                    seconds, total, (ready - startCmd) / 1e9, (drained - ready) / 1e9, (drained - startCmd) / 1e9);
            return 0;
        }
        for (String consumer : CONSUMERS) {
            awaitApplied(base + consumer, usccs, Duration.ofSeconds(120));
        }
        Map<String, Long> created = created(base, usccs);
        StringBuilder result = new StringBuilder("RESULT rate=" + rate + " events=" + total
                + String.format(" achieved_per_s=%.0f", total / produced));
        for (String consumer : CONSUMERS) {
            Histogram h = new Histogram(3_600_000L, 3);
            Map<String, Long> applied = applied(base + consumer, created.keySet());
            applied.forEach((id, at) -> h.recordValue(Math.max(0, Math.min(h.getHighestTrackableValue(), at - created.get(id)))));
            System.out.printf("%-10s %d events: p50 %d ms, p99 %d ms, max %d ms%n", consumer, h.getTotalCount(),
                    h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
            result.append(String.format(" %s_p50_ms=%d %s_p99_ms=%d %s_n=%d", consumer, h.getValueAtPercentile(50), consumer,
                    h.getValueAtPercentile(99), consumer, h.getTotalCount()));
        }
        System.out.println(result);
        return 0;
    }

    /** {@code count} registrations' USCCs of the run {@code tag}, numbered from {@code from}, over the provinces. */
    static List<String> usccs(String tag, int from, int count) {
        List<String> usccs = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Provinces.Province p = Provinces.ALL.get(i % Provinces.ALL.size());
            usccs.add(Uscc.of(p.code().substring(0, 2) + "0100", tag + String.format("%06d", i)));
        }
        return usccs;
    }

    /**
     * Registers at {@code rate}, unmeasured: {@code first} seconds, then as {@link FixedRateLoad#untilJitSettles} says.
     * Prints a {@code WARMUP} line. The warm-up's entities are numbered from 500,000 in the run's tag, apart from the
     * measured ones.
     */
    static void settle(HttpClient client, String url, String token, String tag, double rate, long[] pids, int first, int max)
            throws InterruptedException {
        int[] registered = {0};
        long[] refused = {0};
        FixedRateLoad.Load load = seconds -> {
            refused[0] += register(client, url, token, usccs(tag, 500_000 + registered[0], (int) (rate * seconds)), rate);
            registered[0] += (int) (rate * seconds);
        };
        load.run(first);
        System.out.println("WARMUP " + FixedRateLoad.untilJitSettles(pids, first, max, load) + " refused=" + refused[0]);
    }

    static String tag() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        java.util.Random r = new java.util.Random();
        return "" + alphabet.charAt(10 + r.nextInt(21)) + alphabet.charAt(10 + r.nextInt(21));
    }

    static long register(HttpClient client, String url, String token, List<String> usccs, double rate) throws InterruptedException {
        long period = (long) (1e9 / rate);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        int workers = 32;
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime() + 50_000_000L;
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                try {
                    long slot;
                    while ((slot = next.getAndIncrement()) < usccs.size()) {
                        long wait = start + slot * period - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        String u = usccs.get((int) slot);
                        String body = "{\"uscc\":\"" + u + "\",\"name\":\"基准测试实体 " + u + "\",\"provinceCode\":\""
                                + u.substring(2, 4) + "0000\",\"sector\":\"POWER\"}";
                        try {
                            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                    .header("Idempotency-Key", "bench-" + u).POST(HttpRequest.BodyPublishers.ofString(body))
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != 201) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        done.await();
        return errors.get();
    }

    /** The event ids of the registrations and when their transaction wrote them (ms since the epoch). */
    static Map<String, Long> created(String base, List<String> usccs) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(base + "allocation", "carbon", "carbon");
             PreparedStatement ps = c.prepareStatement("select id::text, created_at from outbox_event "
                     + "where topic = 'carbon.entities.v1' and message_key = any (?)")) {
            Array arr = c.createArrayOf("text", usccs.toArray());
            ps.setArray(1, arr);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getTimestamp(2).getTime());
                }
            }
        }
        return out;
    }

    static Map<String, Long> applied(String url, java.util.Collection<String> ids) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "carbon", "carbon");
             PreparedStatement ps = c.prepareStatement("select event_id::text, applied_at from inbox_applied_event "
                     + "where topic = 'carbon.entities.v1' and event_id = any (?::uuid[])")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getTimestamp(2).getTime());
                }
            }
        }
        return out;
    }

    /** Waits until the consumer has applied the registration of every one of {@code usccs}; answers when. */
    static long awaitApplied(String url, List<String> usccs, Duration timeout) throws Exception {
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        java.util.Set<String> ids = created(base, usccs).keySet();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int n = applied(url, ids).size();
            if (n >= usccs.size() || System.nanoTime() > deadline) {
                if (n < usccs.size()) {
                    System.out.printf("%s: only %d of %d applied after %s%n", url, n, usccs.size(), timeout);
                }
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
    }

    static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
