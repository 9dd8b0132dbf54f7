package cn.carbon.allocation.bench;

import cn.carbon.testing.KafkaResource;
import cn.carbon.testing.OidcTestIssuer;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The national benchmark (allocation-service/bin/bench; not a test): a real PostgreSQL (embedded binaries, default
 * settings), a real KRaft Kafka broker and a real OIDC issuer in this JVM; the built service jar in a JVM of its own,
 * exactly as deployed. It generates a national-size data set (2,257 entities in 31 provinces, about 5,000 units, both
 * years), imports it through the API as the registry, runs the pre-allocation and the verification through the API and
 * prints the wall time and rows per second of each step (and of an idempotent re-run); then the same data set once
 * more as another cycle (its rulebook uploaded through the API) on the now warm service.
 *
 * <p>Arguments: the service jar ({@code target/quarkus-app/quarkus-run.jar}), a work directory.
 */
public final class NationalBench {

    static final String CYCLE = "2021-2022";
    static final String WARM_CYCLE = "2041-2042";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static long servicePid;
    private static long postmasterPid;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NationalBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "allocation-service/target/quarkus-app/quarkus-run.jar");
        Path work = Path.of(args.length > 1 ? args[1] : "allocation-service/target/bench");
        Files.createDirectories(work);
        say("starting PostgreSQL, Kafka (KRaft) and the OIDC issuer ...");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/allocation";
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database allocation");
        }
        String kafka = KafkaResource.bootstrapServers();
        String issuer = OidcTestIssuer.get().issuer();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;

        say("starting the service (" + jar + ") on port " + port + " ...");
        File log = work.resolve("service.log").toFile();
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(localStackJvmOptions());
        String extra = System.getenv("CARBON_BENCH_SERVICE_OPTS"); // e.g. a JFR recording
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        // the local profile: the committed signing keys are accepted there (a production start refuses them)
        env.put("QUARKUS_PROFILE", "local");
        // one role for the migrations and the service: the bench measures the run, not the database roles
        env.put("QUARKUS_FLYWAY_USERNAME", "postgres");
        env.put("QUARKUS_FLYWAY_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", issuer);
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        Process service = pb.start();
        servicePid = service.pid();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("select pg_backend_pid()")) {
            r.next();
            postmasterPid = Long.parseLong(stat(r.getLong(1))[3]);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroy));
        try {
            long t0 = System.nanoTime();
            while (true) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service stopped; see " + log);
                }
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - t0 > Duration.ofSeconds(120).toNanos()) {
                    throw new IllegalStateException("the service was not ready within 120 s; see " + log);
                }
                Thread.sleep(200);
            }
            say(String.format(Locale.ROOT, "service ready in %.1f s", (System.nanoTime() - t0) / 1e9));
            run(base, jdbc);
        } finally {
            service.destroy();
            service.waitFor();
            pg.close();
        }
        System.exit(0);
    }

    private static void run(String base, String jdbc) throws Exception {
        NationalDataSet data = NationalDataSet.generate(20230714L);
        List<String[]> entities = data.entities();
        int units = data.units();
        int rows = data.rows2021To2022();
        say(String.format(Locale.ROOT, "data set: %,d entities in %d provinces, %,d units, %,d unit-year rows of "
                        + "2021-2022 (%,d KB of CSV) and %,d of 2023", entities.size(), NationalDataSet.PROVINCES.length,
                units, rows, data.cycle2021To2022().length() / 1024, data.rows2023()));

        // the register itself is not what is measured: entities go straight into the service's database, a few of
        // them in each special status
        try (Connection c = java.sql.DriverManager.getConnection(jdbc, "postgres", "postgres")) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into key_emitting_entity (uscc, name, province_code, "
                    + "sector, status, status_reasons, registered_by) values (?, ?, ?, ?, ?, ?, 'bench')")) {
                int i = 0;
                for (String[] e : entities) {
                    String status = i % 97 == 1 ? "FACILITIES_CLOSED" : i % 97 == 2 ? "COMPLIANCE_RISK"
                            : i % 97 == 3 ? "DISSOLVED" : "OPERATING";
                    ps.setString(1, e[0]);
                    ps.setString(2, "Power company " + i);
                    ps.setString(3, e[1]);
                    ps.setString(4, "POWER");
                    ps.setString(5, status);
                    ps.setString(6, status.equals("COMPLIANCE_RISK") ? "DEBT" : null);
                    ps.addBatch();
                    i++;
                }
                for (String[] e : data.industrial()) {
                    ps.setString(1, e[0]);
                    ps.setString(2, e[2] + " company " + i++);
                    ps.setString(3, e[1]);
                    ps.setString(4, e[2]);
                    ps.setString(5, "OPERATING");
                    ps.setString(6, null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }

        String token = Tokens.registry();
        awaitQuiet();
        System.out.println();
        Map<String, Long> threadsBefore = threadTicks();
        Run cold = national(base, token, CYCLE, data.cycle2021To2022(), rows);
        if (System.getenv("CARBON_BENCH_THREADS") != null) {
            Map<String, Long> after = threadTicks();
            after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(12)
                    .forEach(e -> say(String.format(Locale.ROOT, "cold run, service thread %-28s %6.2f s CPU",
                            e.getKey(), e.getValue() / 100.0)));
        }
        cold.print("National run, cycle " + CYCLE + " (" + entities.size() + " entities, " + units
                + " units), first run after the service started (cold JVM)");
        double[] before = cpu();
        JsonNode again = job(base, token, CYCLE, "verification");
        line("re-run (verif.)", again.get("unitsComputed").asInt(), again.get("wallSeconds").asDouble(),
                again.get("instructions").asText(), again.get("obligations").asText(), minus(cpu(), before));

        // the same national data set as a second cycle (its rulebook uploaded as the registry would): a warm service
        String shipped = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/allocation/cycles/" + CYCLE
                + "/rulebook")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String other = shipped.replace(CYCLE, WARM_CYCLE).replace("2021", "2041").replace("2022", "2042");
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/allocation/cycles/"
                        + WARM_CYCLE + "/rulebook")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(other)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IllegalStateException("rulebook upload answered " + put.statusCode() + ": " + put.body());
        }
        Run warm = national(base, token, WARM_CYCLE, data.cycle2021To2022().replace(",2021,", ",2041,")
                .replace(",2022,", ",2042,"), rows);
        System.out.println();
        warm.print("The same data set as cycle " + WARM_CYCLE + " on the running service (warm JVM)");
        // the annual 2023 and 2024 years under the shipped rulebooks, provisional benchmarks released by two officers
        release(base, token, "2023");
        Run annual = national(base, token, "2023", data.year2023(), data.rows2023(), false);
        System.out.println();
        annual.print("The 2023 year (annual; rulebook CN-ETS-2023-power: gross generation, no pre-allocation) on the "
                + "running service");
        release(base, token, "2024");
        Run next = national(base, token, "2024", data.year2024(), data.rows2024(), false);
        System.out.println();
        next.print("The 2024 year (rulebook CN-ETS-2024: " + entities.size() + " power and " + data.industrial().size()
                + " steel, cement and aluminium entities) on the running service");
        System.out.printf(Locale.ROOT, "%nwhole national run (import + pre-allocation + verification): %.2f s cold, "
                + "%.2f s warm (target <= 5 s); the 2023 year (import + verification, %,d entities): %.2f s; the 2024 "
                + "year (%,d entities): %.2f s; machine load average now %s%n", cold.total(), warm.total(),
                entities.size(), annual.total(), entities.size() + data.industrial().size(), next.total(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        try (Connection c = java.sql.DriverManager.getConnection(jdbc, "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), count(sent_at) from outbox_event")) {
            r.next();
            System.out.printf(Locale.ROOT, "outbox: %,d events written, %,d already relayed to Kafka%n", r.getLong(1),
                    r.getLong(2));
        }
    }

    /** Two registry officers confirm the shipped rulebook's provisional values, so that its figures are issued. */
    private static void release(String base, String token, String cycle) throws Exception {
        for (String officer : List.of(token, Tokens.registryApprover())) {
            HttpResponse<String> confirmed = HTTP.send(HttpRequest.newBuilder(URI.create(base
                            + "/api/allocation/cycles/" + cycle + "/rulebook/versions/1/provisional-confirmations"))
                    .header("Authorization", "Bearer " + officer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"benchmark\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (confirmed.statusCode() != 201) {
                throw new IllegalStateException("confirmation answered " + confirmed.statusCode() + ": "
                        + confirmed.body());
            }
        }
    }

    /** The figures of one national run. */
    private record Run(int rows, double importS, JsonNode pre, JsonNode ver, double[][] cpu) {
        double total() {
            return importS + preSeconds() + ver.get("wallSeconds").asDouble();
        }

        /** 0 for a year allocated in one step at 核定 (no pre-allocation). */
        double preSeconds() {
            return pre == null ? 0 : pre.get("wallSeconds").asDouble();
        }

        int preUnits() {
            return pre == null ? 0 : pre.get("unitsComputed").asInt();
        }

        void print(String title) {
            System.out.println(title);
            System.out.println("step             rows     wall time   rows/s     instructions  obligations"
                    + "   CPU s: service  PostgreSQL");
            line("import", rows, importS, "-", "-", cpu[0]);
            if (pre != null) {
                line("pre-allocation", preUnits(), preSeconds(), pre.get("instructions").asText(), "-", cpu[1]);
            }
            line("verification", ver.get("unitsComputed").asInt(), ver.get("wallSeconds").asDouble(),
                    ver.get("instructions").asText(), ver.get("obligations").asText(), cpu[2]);
            line("whole run", rows + preUnits() + ver.get("unitsComputed").asInt(), total(),
                    "", "", new double[]{cpu[0][0] + cpu[1][0] + cpu[2][0], cpu[0][1] + cpu[1][1] + cpu[2][1]});
        }
    }

    private static Run national(String base, String token, String cycle, String csv, int rows) throws Exception {
        return national(base, token, cycle, csv, rows, true);
    }

    private static Run national(String base, String token, String cycle, String csv, int rows, boolean preAllocation)
            throws Exception {
        double[] c0 = cpu();
        long t = System.nanoTime();
        HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/allocation/cycles/"
                        + cycle + "/units:import?lateReason=" + LATE)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        double importS = (System.nanoTime() - t) / 1e9;
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("import answered " + imported.statusCode() + ": " + imported.body());
        }
        double[] c1 = cpu();
        say("import " + cycle + ": " + imported.body());
        JsonNode pre = preAllocation ? job(base, token, cycle, "pre-allocation") : null;
        double[] c2 = cpu();
        JsonNode ver = job(base, token, cycle, "verification");
        double[] c3 = cpu();
        return new Run(rows, importS, pre, ver, new double[][]{minus(c1, c0), minus(c2, c1), minus(c3, c2)});
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[]{a[0] - b[0], a[1] - b[1]};
    }

    /** POSTs a run, polls its job until it finished; adds the wall time as seen by the client. */
    /** The service runs on the real time, after the 2023 deadlines: every import and run says why it is late. */
    private static final String LATE = "benchmark";

    private static JsonNode job(String base, String token, String cycle, String kind) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> queued = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/allocation/cycles/"
                        + cycle + "/" + kind + "?lateReason=" + LATE)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (queued.statusCode() != 202) {
            throw new IllegalStateException(kind + " answered " + queued.statusCode() + ": " + queued.body());
        }
        String id = JSON.readTree(queued.body()).get("id").asText();
        while (true) {
            JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/allocation/jobs/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = job.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                double wall = (System.nanoTime() - t) / 1e9;
                if (!status.equals("SUCCEEDED")) {
                    throw new IllegalStateException(kind + " ended " + status + ": " + job);
                }
                say(String.format(Locale.ROOT, "%s: %d entities, %d unit rows, %d instructions, %d obligations; "
                                + "job %s .. %s", kind, job.get("done").asInt(), job.get("unitsComputed").asInt(),
                        job.get("instructions").asInt(), job.get("obligations").asInt(),
                        Instant.parse(job.get("startedAt").asText()), Instant.parse(job.get("finishedAt").asText())));
                ((com.fasterxml.jackson.databind.node.ObjectNode) job).put("wallSeconds", wall);
                return job;
            }
            Thread.sleep(50);
        }
    }

    /** CPU seconds (user + system) used so far by the service JVM and by PostgreSQL (postmaster and its children). */
    static double[] cpu() {
        return new double[]{cpuOf(List.of(servicePid)), cpuOf(postgresPids())};
    }

    /**
     * Waits until the service used less than 5 % of a core over the last second (at most 30 s): the cold run is the first
     * of the national code paths, not a run in the middle of the start's own JIT compilation (a registry starts its run
     * on a service that has been up for a while).
     */
    private static void awaitQuiet() throws InterruptedException {
        long t0 = System.nanoTime();
        double last = cpuOf(List.of(servicePid));
        while (System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(1000);
            double now = cpuOf(List.of(servicePid));
            if (now - last < 0.05) {
                break;
            }
            last = now;
        }
        say(String.format(Locale.ROOT, "service quiet (under 5 %% of a core for 1 s) %.1f s after the data set was ready",
                (System.nanoTime() - t0) / 1e9));
    }

    /** CPU ticks of the service's threads, summed by thread name (digits folded: one pool, one line). */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> out = new java.util.TreeMap<>();
        File[] tasks = new File("/proc/" + servicePid + "/task").listFiles();
        if (tasks != null) {
            for (File t : tasks) {
                try {
                    String st = Files.readString(t.toPath().resolve("stat"));
                    String name = st.substring(st.indexOf('(') + 1, st.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        }
        return out;
    }

    private static List<Long> postgresPids() {
        List<Long> pids = new ArrayList<>();
        pids.add(postmasterPid);
        File[] procs = new File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        if (procs != null) {
            for (File p : procs) {
                String[] stat = stat(Long.parseLong(p.getName()));
                if (stat != null && Long.parseLong(stat[3]) == postmasterPid) {
                    pids.add(Long.parseLong(p.getName()));
                }
            }
        }
        return pids;
    }

    private static double cpuOf(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            String[] stat = stat(pid);
            if (stat != null) {
                ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    /** The fields of /proc/PID/stat after the command name, numbered as in proc(5) from 0 = pid. */
    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String rest = s.substring(s.lastIndexOf(')') + 2);
            String[] f = rest.split(" ");
            String[] out = new String[f.length + 2];
            out[0] = String.valueOf(pid);
            out[1] = "";
            System.arraycopy(f, 0, out, 2, f.length);
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void line(String step, int rows, double seconds, String instructions, String obligations,
                             double[] cpu) {
        System.out.printf(Locale.ROOT, "%-15s %7d %10.2f s %9.0f   %12s %12s   %10.2f %11.2f%n", step, rows, seconds,
                seconds == 0 ? 0 : rows / seconds, instructions, obligations, cpu[0], cpu[1]);
    }

    private static void say(String s) {
        System.out.println("[bench] " + s);
        System.out.flush();
    }

    /** The JVM options ./carbon up runs every service with: the root pom's local heap and service options. */
    static List<String> localStackJvmOptions() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        List<String> options = new ArrayList<>();
        for (String property : List.of("carbon.jvm.local-heap", "carbon.jvm.options")) {
            Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]*)</").matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("the root pom.xml has no " + property);
            }
            options.addAll(List.of(m.group(1).trim().split(",")));
        }
        return options;
    }
}
