package cn.carbon.surrender.bench;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaResource;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.OidcTestIssuer;
import cn.carbon.testing.PostgresResource;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The surrender API against pgbench running the same SQL (src/test/resources/bench/surrender.sql) on the same
 * PostgreSQL, in one run: the service (target/quarkus-app) on a real Kafka broker and OIDC issuer, entities set up
 * through its topics; for "spread" (any of the entities) and "hot" (always one account) the maximum throughput of
 * each (closed loop), then p50/p99 of each at half its own maximum (open loop, latency from the scheduled start).
 * Not a test: run by {@code surrender-service/bin/bench}.
 */
public final class SurrenderBench {

    static final int ENTITIES = Integer.getInteger("bench.entities", 200);
    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int WARMUP = Integer.getInteger("bench.warmup", 30);
    static final String PAYLOAD = "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"type\":\"LedgerTransactionPosted\","
            + "\"source\":\"surrender-service\",\"time\":\"2023-09-01T00:00:00Z\",\"subject\":\"91320000T00000000X\","
            + "\"cycle\":\"2021-2022\",\"data\":{\"transactionId\":\"1\",\"kind\":\"SURRENDER\",\"uscc\":\"91320000T00000000X\","
            + "\"provinceCode\":\"320000\",\"complianceYear\":2021,\"lines\":[{\"fromAccount\":\"ENTITY_HOLDING/91320000T00000000X\","
            + "\"toAccount\":\"SURRENDER\",\"vintage\":\"2021\",\"quantityT\":1}],\"holdingsAfter\":[{\"vintage\":\"2021\","
            + "\"freeT\":999999999,\"restrictedT\":0,\"custodyT\":0}]}}";

    private SurrenderBench() {
    }

    record Phase(String name, double throughput, long ok, long failed, double p50Ms, double p99Ms) {
    }

    public static void main(String[] args) throws Exception {
        Path module = Path.of(System.getProperty("bench.module", ".")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(module.resolve("target/bench"));
        log("bench: %d entities, %d clients, %d s per phase (%d s warm-up), %d cores", ENTITIES, CLIENTS, SECONDS, WARMUP,
                Runtime.getRuntime().availableProcessors());
        var pg = PostgresResource.server();
        String database = "surrender_bench";
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
        String jdbc = PostgresResource.jdbcUrl(database);
        String kafka = KafkaResource.bootstrapServers();
        String issuer = OidcTestIssuer.get().issuer();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx768m"));
        String extra = System.getProperty("bench.serviceJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + jdbc, "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres", "-Dquarkus.flyway.username=postgres",
                "-Dquarkus.profile=local", // the committed signing keys are accepted there
                "-Dquarkus.flyway.password=postgres", "-Dkafka.bootstrap.servers=" + kafka,
                "-Dquarkus.oidc.auth-server-url=" + issuer, "-Dquarkus.oidc.token.issuer=" + issuer,
                "-Dcarbon.clock.start=2023-09-01T08:00:00+08:00", "-Dquarkus.log.level=WARN",
                "-jar", module.resolve("target/quarkus-app/quarkus-run.jar").toString()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::destroy));
        String base = "http://127.0.0.1:" + port;
        // HTTP/1.1 with a connection per caller, as the gateway's pool calls the service (the client's default, HTTP/2,
        // multiplexed every caller on one connection and one event loop, and HPACK-decoded each caller's token)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8)).build();
        // the service applies rulebooks from Kafka, as allocation-service publishes them; ready means they arrived
        cn.carbon.testing.TestEvents.publishShippedRulebooks();
        await("the service", Duration.ofMinutes(3), () -> get(http, base + "/q/health/ready") == 200);
        await("the rulebooks", Duration.ofMinutes(2), () -> {
            String health = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return cn.carbon.contracts.rulebook.ShippedRulebooks.rulebooks().stream()
                    .allMatch(r -> health.contains(r.id() + " v"));
        });

        List<String> entities = setUp(jdbc);
        log("set up %d entities through carbon.entities/allocations/obligations.v1", entities.size());
        long surrenderAccount;
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_entity");
            s.execute("create table bench_entity as select (row_number() over (order by a.uscc) - 1)::int as i, a.uscc, "
                    + "a.id as holding_id from account a where a.kind = 'ENTITY_HOLDING' and a.uscc in ("
                    + String.join(",", entities.stream().map(u -> "'" + u + "'").toList()) + ")");
            s.execute("alter table bench_entity add primary key (i)");
            ResultSet r = s.executeQuery("select id from account where kind = 'SURRENDER'");
            r.next();
            surrenderAccount = r.getLong(1);
        }
        List<String> byIndex = new ArrayList<>(entities);
        byIndex.sort(null); // the order of bench_entity.i

        // warm-up: JIT, connection pools, the first audit entries
        apiClosedLoop(http, base, byIndex, true, WARMUP, "warm-up");

        List<String> rows = new ArrayList<>();
        for (boolean spread : List.of(true, false)) {
            String scenario = spread ? "spread (" + ENTITIES + " accounts)" : "hot (1 account)";
            Phase pgMax = pgbench(work, pg.getPort(), database, spread, surrenderAccount, null);
            Phase apiMax = apiClosedLoop(http, base, byIndex, spread, SECONDS, "API max, " + scenario);
            Phase pgHalf = pgbench(work, pg.getPort(), database, spread, surrenderAccount, pgMax.throughput() / 2);
            Phase apiHalf = apiOpenLoop(http, base, byIndex, spread, apiMax.throughput() / 2, "API at half max, " + scenario);
            double ratio = apiMax.throughput() / pgMax.throughput();
            double target = spread ? 0.5 : 0.35;
            rows.add(String.format(Locale.ROOT, "| %-22s | %8.0f | %8.0f | %5.2f (target ≥ %.2f %s) | %6.1f / %6.1f | %6.1f / %6.1f (%s) | %d / %d |",
                    scenario, pgMax.throughput(), apiMax.throughput(), ratio, target, ratio >= target ? "met" : "MISSED",
                    pgHalf.p50Ms(), pgHalf.p99Ms(), apiHalf.p50Ms(), apiHalf.p99Ms(),
                    apiHalf.p99Ms() <= 50 ? "p99 ≤ 50 ms met" : "p99 ≤ 50 ms MISSED", apiMax.failed() + apiHalf.failed(),
                    pgMax.failed() + pgHalf.failed()));
        }
        System.out.println();
        System.out.println("| scenario               | pgbench tx/s | API req/s | API / pgbench | pgbench p50 / p99 ms at half max | API p50 / p99 ms at half max | failed API / pgbench |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        log("service log: %s; pgbench logs: %s", work.resolve("service.log"), work);
        app.destroy();
        app.waitFor(30, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** Entities, their 2021 allowances and obligations, through the service's own topics. */
    private static List<String> setUp(String jdbc) throws Exception {
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
            String uscc = TestUscc.next("320000");
            entities.add(uscc);
            KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(uscc, "320000"));
        }
        for (String uscc : entities) {
            KafkaTestClient.send(Topics.ALLOCATIONS, EventEnvelope.of(AllocationInstruction.ISSUE, "allocation-service", uscc,
                    "2021-2022", KafkaTestClient.json().valueToTree(new AllocationInstruction(UUID.randomUUID().toString(),
                            uscc, "320000", "2021-2022", 2021, "2021", 1_000_000_000L, AllocationInstruction.ENTITY_ACCOUNT,
                            "VERIFICATION", "CN-ETS-2021-2022-power", 1))));
            KafkaTestClient.send(Topics.OBLIGATIONS, EventEnvelope.of(ObligationEvent.SET, "allocation-service", uscc,
                    "2021-2022", KafkaTestClient.json().valueToTree(new ObligationEvent(uscc, "320000", "2021-2022", 2021,
                            1_000_000_000L, false, "OPERATING", "CN-ETS-2021-2022-power", 1))));
        }
        await("the setup", Duration.ofMinutes(5), () -> {
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement()) {
                ResultSet r = s.executeQuery("select (select count(*) from compliance_record where obligation_t > 0), "
                        + "(select count(*) from balance where vintage = '2021' and balance_t > 0)");
                r.next();
                return r.getLong(1) >= ENTITIES && r.getLong(2) >= ENTITIES;
            }
        });
        return entities;
    }

    private static HttpRequest surrender(String base, String uscc, String token) {
        String body = "{\"uscc\":\"" + uscc + "\",\"complianceYear\":2021,\"lines\":[{\"vintage\":\"2021\",\"quantityT\":1}]}";
        return HttpRequest.newBuilder(URI.create(base + "/api/surrender/surrenders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String[] tokens(List<String> entities) {
        // tokens live five minutes: made afresh for every phase
        return entities.stream().map(Tokens::entity).toArray(String[]::new);
    }

    private static int pick(boolean spread, int n) {
        return spread ? ThreadLocalRandom.current().nextInt(n) : 0;
    }

    /** Closed loop: CLIENTS callers, each sending its next surrender when the last one was answered. */
    private static Phase apiClosedLoop(HttpClient http, String base, List<String> entities, boolean spread, int seconds,
                                       String name) throws Exception {
        String[] tokens = tokens(entities);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int i = pick(spread, entities.size());
                    try {
                        int status = http.send(surrender(base, entities.get(i), tokens[i]), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        (status == 201 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Phase p = new Phase(name, ok.get() / elapsed, ok.get(), failed.get(), Double.NaN, Double.NaN);
        log("%s: %.0f req/s (%d ok, %d failed)", name, p.throughput(), p.ok(), p.failed());
        return p;
    }

    /** Open loop at {@code rate}: requests start on schedule whatever the answers; latency counts from the schedule. */
    private static Phase apiOpenLoop(HttpClient http, String base, List<String> entities, boolean spread, double rate,
                                     String name) throws Exception {
        String[] tokens = tokens(entities);
        int total = (int) (rate * SECONDS);
        long[] latencies = new long[total];
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(256);
        long start = System.nanoTime();
        double interval = 1e9 / rate;
        for (int k = 0; k < total; k++) {
            long scheduled = start + (long) (k * interval);
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = k;
            int i = pick(spread, entities.size());
            pool.submit(() -> {
                try {
                    int status = http.send(surrender(base, entities.get(i), tokens[i]), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status != 201) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                latencies[slot] = System.nanoTime() - scheduled;
            });
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        Arrays.sort(latencies);
        Phase p = new Phase(name, rate, total - failed.get(), failed.get(), percentile(latencies, 0.50) / 1e6,
                percentile(latencies, 0.99) / 1e6);
        log("%s: %.0f req/s offered, p50 %.1f ms, p99 %.1f ms (%d failed)", name, rate, p.p50Ms(), p.p99Ms(), p.failed());
        return p;
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    /** pgbench running the same SQL: at its maximum ({@code rate} null) or at {@code rate} with per-transaction logs. */
    private static Phase pgbench(Path work, int port, String database, boolean spread, long surrenderAccount, Double rate)
            throws Exception {
        Path script = work.resolve("surrender.sql");
        try (InputStream in = SurrenderBench.class.getResourceAsStream("/bench/surrender.sql")) {
            Files.write(script, in.readAllBytes());
        }
        Path logs = Files.createDirectories(work.resolve(rate == null ? "pgbench-max" : "pgbench-half"));
        try (var old = Files.list(logs)) {
            old.forEach(f -> f.toFile().delete());
        }
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-h", "localhost", "-p", String.valueOf(port),
                "-U", "postgres", "-c", String.valueOf(CLIENTS), "-j", "2", "-T", String.valueOf(SECONDS),
                "-f", script.toString(), "-D", "n=" + ENTITIES, "-D", "spread=" + (spread ? 1 : 0),
                "-D", "surrender_id=" + surrenderAccount, "-D", "payload=" + PAYLOAD,
                "-D", "response={\"surrenderId\":\"x\",\"lines\":[{\"vintage\":\"2021\",\"quantityT\":1}]}"));
        if (rate != null) {
            cmd.addAll(List.of("-R", String.format(Locale.ROOT, "%.1f", rate), "-l", "--log-prefix=" + logs.resolve("pgbench")));
        }
        cmd.add(database);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "postgres");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Files.writeString(logs.resolve("output.txt"), out);
        Matcher tps = TPS.matcher(out);
        if (p.exitValue() != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        Matcher f = FAILED.matcher(out);
        long failed = f.find() ? Long.parseLong(f.group(1)) : 0;
        String scenario = spread ? "spread" : "hot";
        if (rate == null) {
            log("pgbench max, %s: %s tx/s (%d failed)", scenario, tps.group(1), failed);
            return new Phase("pgbench max", Double.parseDouble(tps.group(1)), 0, failed, Double.NaN, Double.NaN);
        }
        List<Long> micros = new ArrayList<>();
        try (var files = Files.list(logs)) {
            for (Path log : files.filter(x -> x.getFileName().toString().startsWith("pgbench.")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    String[] cols = line.trim().split("\\s+");
                    if (cols.length >= 3 && !cols[2].equals("skipped") && !cols[2].equals("failed")) {
                        micros.add(Long.parseLong(cols[2]));
                    }
                }
            }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        Phase phase = new Phase("pgbench half", rate, sorted.length, failed, percentile(sorted, 0.5) / 1e3,
                percentile(sorted, 0.99) / 1e3);
        log("pgbench at half max, %s: %.0f tx/s offered, p50 %.1f ms, p99 %.1f ms", scenario, rate, phase.p50Ms(), phase.p99Ms());
        return phase;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static int get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Duration timeout, Check check) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(what + " not ready within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
