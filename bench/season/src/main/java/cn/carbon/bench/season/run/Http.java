package cn.carbon.bench.season.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The runner's HTTP client towards the gateway. A call is retried while the platform cannot answer (connection refused
 * or reset, 502/503/504 while a service restarts) and when the gateway asks to slow down (429, after Retry-After),
 * for at most the retry budget; every mutating call carries an Idempotency-Key (or is idempotent by its own key), so
 * a retry never applies a command twice. Counts what it sent, per phase.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    public record Reply(int status, String body, String retryAfter) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }

        public String brief() {
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return status + " " + (b.length() > 300 ? b.substring(0, 300) + "…" : b);
        }
    }

    /** Who calls: a name for the counts and a token (refreshed by its supplier when needed). */
    public record Principal(String name, Supplier<String> token) {
    }

    private final HttpClient client;
    private final String base;
    private final Duration retryBudget;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, AtomicLong> throttledBy = new ConcurrentHashMap<>();
    private final AtomicLong clockRetries = new AtomicLong();
    private volatile String phase = "setup";

    public Http(String base, Duration retryBudget) {
        this.base = base;
        this.retryBudget = retryBudget;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "http");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    public void phase(String phase) {
        this.phase = phase;
    }

    public Map<String, AtomicLong> counts() {
        return counts;
    }

    public long retries() {
        return retries.get();
    }

    public long throttled() {
        return throttled.get();
    }

    /** The 429s by phase and kind of caller ({@code season.e}, {@code season.registry}, …), to see who meets the limit. */
    public Map<String, AtomicLong> throttledBy() {
        return throttledBy;
    }

    public long clockRetries() {
        return clockRetries.get();
    }

    public Reply get(String path, Principal who) {
        return send("GET", path, who, null, null, null);
    }

    public Reply post(String path, Principal who, Object body, String idempotencyKey) {
        return send("POST", path, who, "application/json", write(body), idempotencyKey);
    }

    public Reply put(String path, Principal who, Object body, String idempotencyKey) {
        return send("PUT", path, who, "application/json", write(body), idempotencyKey);
    }

    public Reply send(String method, String path, Principal who, String contentType, String body, String idempotencyKey) {
        long deadline = System.nanoTime() + retryBudget.toNanos();
        int attempt = 0;
        while (true) {
            attempt++;
            counts.computeIfAbsent(phase, p -> new AtomicLong()).incrementAndGet();
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                        .timeout(Duration.ofSeconds(120)).header("Accept", "application/json");
                if (who != null) {
                    b.header("Authorization", "Bearer " + who.token().get());
                }
                if (idempotencyKey != null) {
                    b.header("Idempotency-Key", idempotencyKey);
                }
                if (body != null) {
                    b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body,
                            StandardCharsets.UTF_8));
                } else {
                    b.method(method, HttpRequest.BodyPublishers.noBody());
                }
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int s = r.statusCode();
                String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                // 500 too, a few times: a service whose database or broker restarts answers 500 meanwhile, and every
                // command carries its idempotency key, so that a repeat is answered, not applied again
                boolean transientError = s == 502 || s == 503 || s == 504 || (s == 500 && attempt <= 5);
                // a deadline problem right after a service restarted: its business clock is being put back (Season)
                boolean clockProblem = s == 422 && attempt <= 3 && r.body() != null && (r.body().contains("window-not-open")
                        || r.body().contains("deadline-passed") || r.body().contains("deadline-not-passed"));
                if (clockProblem && System.nanoTime() < deadline) {
                    clockRetries.incrementAndGet();
                    sleep(1_500);
                    continue;
                }
                if ((s == 429 || transientError) && System.nanoTime() < deadline) {
                    if (s == 429) {
                        throttled.incrementAndGet();
                        throttledBy.computeIfAbsent(phase + " / " + kind(who), k -> new AtomicLong()).incrementAndGet();
                    } else {
                        retries.incrementAndGet();
                    }
                    sleep(s == 429 && retryAfter != null ? Math.min(5_000, 1_000L * parse(retryAfter)) : backoff(attempt));
                    continue;
                }
                return new Reply(s, r.body(), retryAfter);
            } catch (IOException e) {
                if (System.nanoTime() >= deadline) {
                    return new Reply(599, "no answer: " + e, null);
                }
                retries.incrementAndGet();
                sleep(backoff(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(599, "interrupted", null);
            }
        }
    }

    /** {@code season.e.17} → {@code season.e}; a name without a numbered part as it is; no caller → anonymous. */
    static String kind(Principal who) {
        if (who == null) {
            return "anonymous";
        }
        int second = who.name().startsWith("season.") ? who.name().indexOf('.', "season.".length()) : -1;
        return second > 0 ? who.name().substring(0, second) : who.name();
    }

    private static long parse(String retryAfter) {
        try {
            return Math.max(1, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static long backoff(int attempt) {
        return Math.min(2_000, 100L * attempt);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String write(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
