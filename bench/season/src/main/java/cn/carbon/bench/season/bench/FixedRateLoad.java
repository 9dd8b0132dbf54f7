package cn.carbon.bench.season.bench;

import cn.carbon.bench.season.Args;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Reads at a fixed rate (open loop: each request has its slot, and its latency counts from that slot, so a slow
 * answer delays nobody's measurement), with the CPU time the target processes spent meanwhile:
 * <pre>
 *   load --url 'http://127.0.0.1:8089/bare/entities/{uscc}' --usccs FILE --rate 500 --seconds 30 --pids 123,456
 *        [--token-user jiangsu.officer] [--warmup 10] [--settle 120] [--await-ready http://127.0.0.1:8081/q/health/ready]
 *        [--windows 5]
 * </pre>
 * Prints one {@code RESULT} line: achieved rate, p50/p99/max in ms, errors, CPU seconds and reads per CPU-second, and
 * how much of that CPU the JIT compiler threads spent; with {@code --settle MAX} the warm-up goes on until the JIT has
 * settled (at most MAX seconds);
 * with {@code --windows S}, a {@code WINDOWS} line as well: the p99 and max of each S seconds (by the requests' slots),
 * to see when in a run the slow answers were.
 * {@code load --prepare-bare} copies allocation-service's entities into the bare service's table, so that both
 * answer the same rows.
 */
public final class FixedRateLoad {

    private FixedRateLoad() {
    }

    public static int main(Args a) throws Exception {
        if (a.flag("prepare-bare")) {
            return prepareBare(a);
        }
        String url = a.get("url", null);
        List<String> usccs = Files.readAllLines(Path.of(a.get("usccs", null))).stream().filter(s -> !s.isBlank()).toList();
        double rate = a.number("rate", 500);
        int seconds = (int) a.integer("seconds", 30);
        int warmup = (int) a.integer("warmup", 10);
        List<String> tokens = new ArrayList<>();
        if (a.get("token-users", null) != null) {
            for (String user : a.get("token-users", null).split(",")) {
                tokens.add(token(a, user));
            }
        } else if (a.get("token-user", null) != null) {
            tokens.add(token(a));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
        if (a.get("await-ready", null) != null) {
            awaitReady(client, a.get("await-ready", null));
        }
        long[] pids = pids(a.get("pids", ""));
        if (warmup > 0) {
            run(client, url, usccs, tokens, rate, warmup, null, null);
        }
        int settle = (int) a.integer("settle", 0);
        if (settle > 0) {
            settle(client, url, usccs, tokens, rate, pids, warmup, settle);
        }
        long cpuBefore = cpuTicks(pids);
        Map<String, Long> jitBefore = jitTicks(pids);
        Histogram h = new Histogram(60_000_000_000L, 3);
        int windowSeconds = (int) a.integer("windows", 0);
        Windows windows = windowSeconds > 0 ? new Windows(windowSeconds, seconds) : null;
        long t0 = System.nanoTime();
        long[] outcome = run(client, url, usccs, tokens, rate, seconds, h, windows);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuTicks(pids) - cpuBefore) / 100.0;
        double jit = jitDelta(jitBefore, jitTicks(pids)) / 100.0;
        long sent = outcome[0];
        long errors = outcome[1];
        System.out.printf("RESULT sent=%d errors=%d rate=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f cpu_s=%.2f reads_per_cpu_s=%.0f jit_cpu_s=%.2f%n",
                sent, errors, sent / wall, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, cpu, cpu > 0 ? (sent - errors) / cpu : 0, jit);
        if (windows != null) {
            StringBuilder line = new StringBuilder("WINDOWS seconds=" + windowSeconds + " p99_ms/max_ms=");
            for (Histogram w : windows.each()) {
                line.append(String.format(" %.0f/%.0f", w.getValueAtPercentile(99) / 1e6, w.getMaxValue() / 1e6));
            }
            System.out.println(line);
        }
        return errors * 100 > sent ? 1 : 0;
    }

    /** The latencies of each {@code seconds} of a run, by the requests' slots. */
    record Windows(long nanos, Histogram[] each) {
        Windows(int seconds, int runSeconds) {
            this(seconds * 1_000_000_000L, new Histogram[(runSeconds + seconds - 1) / seconds]);
            java.util.Arrays.setAll(each, i -> new Histogram(60_000_000_000L, 2));
        }

        Histogram at(long sinceStartNanos) {
            return each[(int) Math.min(each.length - 1, Math.max(0, sinceStartNanos / nanos))];
        }
    }

    /** @return sent, errors */
    static long[] run(HttpClient client, String url, List<String> usccs, List<String> tokens, double rate, int seconds,
                      Histogram h, Windows windows) throws InterruptedException {
        long total = (long) (rate * seconds);
        long periodNanos = (long) (1e9 / rate);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        int workers = 64;
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime() + 50_000_000L;
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                try {
                    long slot;
                    while ((slot = next.getAndIncrement()) < total) {
                        long intended = start + slot * periodNanos;
                        // parkNanos may return early: a request sent before its slot would count a negative latency
                        for (long wait; (wait = intended - System.nanoTime()) > 0; ) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        String uscc = usccs.get((int) (slot % usccs.size()));
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replace("{uscc}", uscc)))
                                .timeout(Duration.ofSeconds(30)).GET();
                        if (!tokens.isEmpty()) {
                            b.header("Authorization", "Bearer " + tokens.get((int) (slot % tokens.size())));
                        }
                        boolean ok;
                        try {
                            HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
                            ok = r.statusCode() == 200;
                        } catch (Exception e) {
                            ok = false;
                        }
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                        if (h != null) {
                            long latency = Math.min(h.getHighestTrackableValue(), System.nanoTime() - intended);
                            synchronized (h) {
                                h.recordValue(latency);
                                if (windows != null) {
                                    windows.at(intended - start).recordValue(latency);
                                }
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + w);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        return new long[]{total, errors.get()};
    }

    /** Returns the moment {@code url} answers 200: the load then starts at once (a just-started service's first minute). */
    static void awaitReady(HttpClient client, String url) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(url + " not ready within 3 minutes");
    }

    static String token(Args a) throws Exception {
        return token(a, a.get("token-user", "registry.officer"));
    }

    static String token(Args a, String user) throws Exception {
        String form = "grant_type=password&client_id=" + a.get("client", "carbon-cli") + "&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(a.get("password", "Carbon-Demo-2026"), StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        a.get("keycloak", "http://127.0.0.1:8180") + "/realms/carbon/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token: " + r.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("access_token").asText();
    }

    /**
     * Goes on warming up, 10 s at a time, until the JIT compiler threads spent less than 5 % of the processes' CPU in
     * the last 10 s, or {@code max} seconds of warm-up in all: the measurement then reads the steady state of every
     * target alike, not how far its compiler had got. Prints a {@code WARMUP} line.
     */
    static void settle(HttpClient client, String url, List<String> usccs, List<String> tokens, double rate, long[] pids,
                       int done, int max) throws InterruptedException {
        System.out.println("WARMUP " + untilJitSettles(pids, done, max,
                seconds -> run(client, url, usccs, tokens, rate, seconds, null, null)));
    }

    /** {@code seconds} of warm-up load. */
    interface Load {
        void run(int seconds) throws InterruptedException;
    }

    /**
     * Runs {@code load} 10 s at a time, from {@code done} seconds already run, until the JIT compiler threads of
     * {@code pids} spent less than 5 % of the processes' CPU in the last 10 s, or {@code max} seconds in all; answers
     * {@code seconds=… jit_share_last_10s=…}.
     */
    static String untilJitSettles(long[] pids, int done, int max, Load load) throws InterruptedException {
        double share = 1;
        while (done < max) {
            long cpu = cpuTicks(pids);
            Map<String, Long> jit = jitTicks(pids);
            load.run(10);
            done += 10;
            long spent = cpuTicks(pids) - cpu;
            share = spent > 0 ? (double) jitDelta(jit, jitTicks(pids)) / spent : 0;
            if (share < 0.05) {
                break;
            }
        }
        return String.format("seconds=%d jit_share_last_10s=%.3f", done, share);
    }

    static long[] pids(String list) {
        return list.isBlank() ? new long[0] : java.util.Arrays.stream(list.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** utime + stime of the processes, in clock ticks (USER_HZ = 100). */
    public static long cpuTicks(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                sum += statTicks(Path.of("/proc/" + pid + "/stat"));
            } catch (Exception e) {
                // the process is gone
            }
        }
        return sum;
    }

    /**
     * CPU ticks of each JIT compiler thread ({@code C1/C2 CompilerThre…}) of the processes, by pid/tid: how much of the
     * measured CPU was still compilation rather than serving. The JVM stops idle compiler threads, so what a thread that
     * ended meanwhile spent is missed: a lower bound.
     */
    static Map<String, Long> jitTicks(long[] pids) {
        Map<String, Long> ticks = new HashMap<>();
        for (long pid : pids) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                            continue;
                        }
                        ticks.put(pid + "/" + task.getFileName(), statTicks(task.resolve("stat")));
                    } catch (Exception e) {
                        // the thread ended
                    }
                }
            } catch (Exception e) {
                // the process is gone
            }
        }
        return ticks;
    }

    /** utime + stime from a process's or a thread's {@code stat} file (the fields after the command's closing paren). */
    private static long statTicks(Path stat) throws java.io.IOException {
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long jitDelta(Map<String, Long> before, Map<String, Long> after) {
        long sum = 0;
        for (Map.Entry<String, Long> t : after.entrySet()) {
            sum += t.getValue() - before.getOrDefault(t.getKey(), 0L);
        }
        return sum;
    }

    /**
     * Copies allocation-service's entities (uscc, name, province) into the bare table, and lists the USCCs. With
     * {@code --list-only} it only lists them: the cold section reads allocation-service alone, and on a stack the bare
     * service never ran the bare table does not exist yet.
     */
    static int prepareBare(Args a) throws Exception {
        String base = a.get("jdbc", "jdbc:postgresql://127.0.0.1:5433/");
        List<String[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(base + "allocation", "carbon", "carbon");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select uscc, name, province_code from key_emitting_entity order by uscc")) {
            while (r.next()) {
                rows.add(new String[]{r.getString(1), r.getString(2), r.getString(3)});
            }
        }
        if (!a.flag("list-only")) {
            fillBare(base, rows);
        }
        String province = a.get("province", "320000");
        List<String> of = rows.stream().filter(r -> r[2].equals(province)).map(r -> r[0]).toList();
        Files.write(Path.of(a.get("usccs", "target/usccs.txt")), of);
        System.out.printf("%s %d entities; %d of province %s listed in %s%n",
                a.flag("list-only") ? "allocation-service holds" : "bare_entity holds", rows.size(), of.size(),
                province, a.get("usccs", "target/usccs.txt"));
        return of.isEmpty() ? 1 : 0;
    }

    private static void fillBare(String base, List<String[]> rows) throws Exception {
        try (Connection c = DriverManager.getConnection(base + "bare", "carbon", "carbon")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("delete from bare_entity");
            }
            try (PreparedStatement ps = c.prepareStatement("insert into bare_entity (uscc, name, province_code) values (?, ?, ?)")) {
                for (String[] row : rows) {
                    ps.setString(1, row[0]);
                    ps.setString(2, row[1]);
                    ps.setString(3, row[2]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
