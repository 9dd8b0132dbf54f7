package cn.carbon.platform.health;

import cn.carbon.platform.security.Role;
import cn.carbon.platform.security.tokens.VerifiedTokens;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A just-started JVM runs its read path interpreted until the JIT has compiled it, and a service that took 150 reads/s
 * from the moment it was ready built a queue in its first seconds (bench, cold section). So before it reports ready the
 * service reads itself over HTTP: {@code carbon.warm-up.requests} GETs of the paths {@code carbon.warm-up.paths}, on
 * 127.0.0.1, through the same filters, scope checks, queries and serialisation as a caller's.
 *
 * <p>It reads as a province officer of province {@value #NO_PROVINCE}, to which no entity belongs: every answer is an
 * empty page or a 404, so nothing is read that a caller could not see. Its bearer token is random, held only by the
 * verified-token cache and only until the warm-up ends. {@code requests=0} (the tests' default) reports ready at once.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    static final String NO_PROVINCE = "000000";
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final VerifiedTokens.Cache tokens;
    private final int port;
    private final int requests;
    private final List<String> paths;
    private final Duration limit;
    private volatile boolean done;
    private volatile Map<Integer, Integer> answers = Map.of();
    private volatile Thread worker;

    public WarmUp(Config config, VerifiedTokens.Cache tokens) {
        this.tokens = tokens;
        // a test's port must be fixed for the warm-up to find it (0, a random one, is not known here)
        String portKey = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        this.port = config.getOptionalValue(portKey, Integer.class).orElse(8080);
        this.requests = config.getOptionalValue("carbon.warm-up.requests", Integer.class).orElse(0);
        this.paths = config.getOptionalValues("carbon.warm-up.paths", String.class).orElse(List.of());
        this.limit = config.getOptionalValue("carbon.warm-up.limit", String.class)
                .map(DurationConverter::parseDuration).orElse(Duration.ofSeconds(30));
        this.done = requests <= 0 || paths.isEmpty();
    }

    void onStart(@Observes StartupEvent start) {
        if (!done && worker == null) {
            Thread w = new Thread(this::run, "warm-up");
            w.setDaemon(true);
            worker = w;
            w.start();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        Thread w = worker;
        if (w != null) {
            w.interrupt();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(done).withData("requests", requests)
                .withData("answers", answers.toString()).build();
    }

    /** The warm-up's answers by HTTP status (empty before it ran or when it is off). */
    public Map<Integer, Integer> answers() {
        return answers;
    }

    public boolean done() {
        return done;
    }

    private void run() {
        String token = randomToken();
        Instant deadline = Instant.now().plus(limit);
        Map<Integer, Integer> counted = new TreeMap<>();
        try {
            tokens.put(token, identity(), deadline.getEpochSecond() + 1);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            awaitListening(http, base, deadline);
            for (int i = 0; i < requests && Instant.now().isBefore(deadline) && !Thread.interrupted(); i++) {
                HttpRequest get = HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build();
                int status = answer(http, get);
                counted.merge(status, 1, Integer::sum);
            }
            LOG.infof("warm-up: %d reads of %s before ready, answers by status %s", counted.values().stream()
                    .mapToInt(Integer::intValue).sum(), paths, counted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("warm-up stopped early (%s); the service reports ready without it", e.toString());
        } finally {
            tokens.forget(token);
            answers = Map.copyOf(counted);
            done = true;
        }
    }

    /** The HTTP server may start listening after the startup event. */
    private static void awaitListening(HttpClient http, String base, Instant deadline) throws InterruptedException {
        HttpRequest live = HttpRequest.newBuilder(URI.create(base + "/q/health/live")).timeout(Duration.ofSeconds(2))
                .GET().build();
        while (answer(http, live) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    /** The status of one GET; 0 when the server did not answer. */
    private static int answer(HttpClient http, HttpRequest get) throws InterruptedException {
        try {
            return http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static QuarkusSecurityIdentity identity() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("warm-up"))
                .addRole(Role.PROVINCE).addAttribute("province_code", NO_PROVINCE).build();
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "warm-up." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
