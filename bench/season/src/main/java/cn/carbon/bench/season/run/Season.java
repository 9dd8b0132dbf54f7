package cn.carbon.bench.season.run;

import cn.carbon.bench.season.Args;
import cn.carbon.bench.season.Main;
import cn.carbon.bench.season.data.DataSet;
import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Plan;
import cn.carbon.bench.season.data.DataSet.Year;
import cn.carbon.bench.season.data.DataSetFiles;
import cn.carbon.bench.season.data.Generator;
import cn.carbon.bench.season.data.NextYears;
import cn.carbon.bench.season.data.Provinces;
import cn.carbon.bench.season.data.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The national 2021–2022 season through the gateway with real Keycloak tokens (issue 9): registration, special
 * statuses, unit data, pre-allocation, verification and issuance, borrowing, CCER offsets, week by week the exchange's
 * settlements and feeds and the entities' surrenders, forced surrender, the deadline, late compliance, certificates —
 * then the checks against the data set's own recomputation. Deadlines are judged by the services' business clock,
 * moved by {@link #clock}.
 */
public final class Season {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final String[] CLOCKED = {"allocation", "surrender", "offsets", "risk"};

    private final Args args;
    private final DataSet ds;
    private final Rulebook rb;
    private final Http http;
    private final Identity identity;
    private final Parallel pool;
    private final String cycle;
    private final String tag;
    private final List<Phase> phases = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final Faults faults;
    private final List<Http.Principal> registry = new ArrayList<>();
    private final List<Http.Principal> desks = new ArrayList<>();
    private final Map<String, List<Http.Principal>> officers = new LinkedHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<String, String> clockProblems = new ConcurrentHashMap<>();
    private final Object clockLock = new Object();
    private volatile OffsetDateTime clockSetTo;
    private volatile long clockSetAtNanos;
    private final java.util.concurrent.atomic.AtomicLong clockRepairs = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.ExecutorService clockPool = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "clock");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> issuedBaseline = new HashMap<>();
    private final Map<String, Long> recordsBaseline = new ConcurrentHashMap<>();
    private final Map<String, String> forcedOrders = new ConcurrentHashMap<>();
    private final Map<String, Integer> feedsAccepted = new ConcurrentHashMap<>();
    private Phase current;
    private double identitySeconds;
    private double seasonSeconds;
    private double nextYearsSeconds;
    private final NextYears next;

    private Season(Args a) throws Exception {
        this.args = a;
        this.rb = Main.rulebook(a);
        this.tag = a.get("run", randomTag());
        long t = System.nanoTime();
        this.ds = Generator.generate(rb, a.integer("seed", 1), a.number("scale", 1), tag);
        System.out.printf("generated in %.1f s%n", (System.nanoTime() - t) / 1e9);
        System.out.print(DataSetFiles.summary(ds));
        if (a.get("out", null) != null) {
            DataSetFiles.write(ds, java.nio.file.Path.of(a.get("out", null)));
        }
        this.cycle = ds.cycle;
        // the years after 2021-2022 (2023 power, 2024 industry); a fault drill judges the first cycle alone
        if (Boolean.parseBoolean(a.get("next-years", String.valueOf(a.get("fault", null) == null)))) {
            String dir = Main.root(a) + "/contracts/src/main/resources/carbon/rulebooks/";
            this.next = NextYears.generate(ds, Rulebook.read(java.nio.file.Path.of(dir + "CN-ETS-2023-power.json")),
                    Rulebook.read(java.nio.file.Path.of(dir + "CN-ETS-2024.json")));
            System.out.print(next.summary());
        } else {
            this.next = null;
        }
        this.http = new Http(a.get("gateway", "http://127.0.0.1:8080"), Duration.ofSeconds(a.integer("retry-seconds", 240)));
        this.identity = new Identity(http, a.get("keycloak", "http://127.0.0.1:8180"));
        this.pool = new Parallel((int) a.integer("threads", 12));
        this.faults = new Faults(a.get("fault", null), Main.root(a));
    }

    public static int main(Args a) throws Exception {
        Season s = new Season(a);
        try {
            return s.run();
        } finally {
            s.pool.close();
        }
    }

    private static String randomTag() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        java.util.Random r = new java.util.Random();
        return "" + alphabet.charAt(10 + r.nextInt(21)) + alphabet.charAt(r.nextInt(31));
    }

    int run() {
        System.out.printf("season run %s: %d entities, gateway %s, %d threads%n", tag, ds.entities.size(),
                args.get("gateway", "http://127.0.0.1:8080"), pool.threads());
        long t0 = System.nanoTime();
        phase("identities", this::identities);
        identitySeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        startClockKeeper();
        try {
            phase("baseline", this::baseline);
            SpecialPaths special = new SpecialPaths(this);
            ConsequenceSteps consequences = new ConsequenceSteps(this);
            at(LocalDate.of(2023, 3, 20));
            phase("register entities", this::register);
            phase("special statuses", this::statuses);
            phase("unit data import", this::importUnits);
            phase("directories", this::awaitDirectories);
            at(LocalDate.of(2023, 4, 20));
            phase("pre-allocation", () -> job("pre-allocation"));
            at(LocalDate.of(2023, 5, 15));
            phase("special statuses after pre-allocation", special::statusesAfterPreAllocation);
            at(LocalDate.of(2023, 7, 20));
            phase("verification and issuance", special::verificationOnTime);
            at(LocalDate.of(2023, 7, 26));
            phase("borrowing", this::borrowing);
            phase("tables and compliance notices", () -> {
                special.tablesOnTime();
                special.complianceNotices();
            });
            phase("account freeze", consequences::freeze);
            at(LocalDate.of(2023, 8, 15));
            phase("late verification", () -> {
                special.verificationLate();
                special.balancesAfterIssuance();
            });
            at(LocalDate.of(2023, 8, 21));
            phase("CCER offsets", this::offsets);
            phase("trading and surrender", this::tradingSeason);
            at(Generator.AFTER_DEADLINE_WEEK);
            phase("late compliance", this::lateCompliance);
            at(LocalDate.of(2024, 1, 10));
            phase("penalty case", consequences::penaltyCase);
            at(LocalDate.of(2024, 1, 15));
            seasonSeconds = (System.nanoTime() - t1) / 1e9;
            phase("checks", this::checks);
            if (next != null) {
                nextYears();
            }
        } catch (RuntimeException e) {
            if (current != null) {
                current.fail("aborted: " + e);
            }
            e.printStackTrace();
            if (seasonSeconds == 0) {
                seasonSeconds = (System.nanoTime() - t1) / 1e9;
            }
        }
        faults.await();
        return report();
    }

    private void phase(String name, Runnable body) {
        Phase p = new Phase(name);
        phases.add(p);
        current = p;
        http.phase(name);
        faults.at(name);
        System.out.printf("- %s%n", name);
        try {
            body.run();
        } finally {
            p.endNanos = System.nanoTime();
            System.out.printf("  %s: %d done, %d failed, %.1f s%s%n", name, p.done.get(), p.failures.get(), p.seconds(),
                    p.note.isEmpty() ? "" : " (" + p.note + ")");
            p.messages.forEach(m -> System.out.println("    ! " + m));
        }
    }

    // ---- the years after 2021-2022 -------------------------------------------------------------------------------

    /** The 2023 power year and the 2024 industry year, each on the business clock of its rulebook's deadlines. */
    private void nextYears() {
        long t = System.nanoTime();
        NextYearSteps steps = new NextYearSteps(this, next);
        String y2023 = steps.cycle2023();
        String y2024 = steps.cycle2024();
        at(LocalDate.of(2024, 3, 1));
        phase("2024 industry registration", steps::registerIndustry);
        at(LocalDate.of(2024, 5, 20));
        phase("2023 unit data (generation)", () -> steps.importYear(y2023, next.power));
        at(LocalDate.of(2024, 10, 21));
        if (steps.released(y2023)) { // an earlier season on this stack confirmed the version: issued at once
            phase("2023 verification (confirmed earlier)", () -> {
                rebaseline();
                steps.verification(y2023, false, "released");
                steps.awaitObligations(y2023, next.power);
                steps.awaitIssuance(next.powerIssuance());
            });
        } else {
            phase("2023 verification, withheld", () -> {
                rebaseline();
                steps.verification(y2023, true, "first");
                steps.awaitObligations(y2023, next.power);
                awaitIssuance(List.copyOf(next.powerIssuance().keySet()), Map.of()); // nothing before four eyes
            });
            phase("2023 four eyes", () -> steps.fourEyes(y2023));
            phase("2023 verification, issued", () -> {
                steps.verification(y2023, false, "released");
                steps.awaitIssuance(next.powerIssuance());
            });
        }
        at(LocalDate.of(2024, 11, 25));
        phase("2023 surrender", () -> steps.surrender(y2023, next.power, next.power2023));
        at(LocalDate.of(2025, 5, 20));
        phase("2024 industry data", () -> steps.importYear(y2024, next.industry));
        at(LocalDate.of(2025, 10, 20));
        phase("2024 verification and issuance", () -> {
            rebaseline();
            steps.verification(y2024, false, "industry");
            steps.awaitObligations(y2024, next.industry);
            steps.awaitIssuance(next.industryIssuance());
        });
        at(LocalDate.of(2025, 11, 24));
        phase("2024 industry surrender", () -> steps.surrender(y2024, next.industry, next.year2024));
        at(LocalDate.of(2026, 1, 12));
        nextYearsSeconds = (System.nanoTime() - t) / 1e9;
        phase("next years checks", () -> new NextYearChecks(this, next, steps).run());
    }

    /** The ledger's issuance per vintage now: what the next awaited issuance grows from. */
    private void rebaseline() {
        issuedBaseline.putAll(issued());
    }

    /**
     * The ledger's issuance per vintage, from its totals alone: polled every second while issuance is applied, the
     * whole reconciliation (every invariant over the whole ledger) would compete for the CPU with what it waits for.
     */
    private Map<String, Long> issued() {
        Map<String, Long> issued = new TreeMap<>();
        http.get("/api/surrender/ledger/vintages", registry()).json()
                .forEach(v -> issued.put(v.path("vintage").asText(), v.path("issuedT").asLong()));
        return issued;
    }

    // ---- identities ---------------------------------------------------------------------------------------------

    private void identities() {
        int registryOps = 4;
        int exchangeDesks = (int) args.integer("desks", 8);
        List<Identity.User> users = new ArrayList<>();
        for (int i = 1; i <= registryOps; i++) {
            users.add(new Identity.User("season.registry." + i, "registry", null, null, "Registry", "Operator " + i));
        }
        for (int i = 1; i <= exchangeDesks; i++) {
            users.add(new Identity.User("season.exchange." + i, "exchange", null, null, "Exchange", "Desk " + i));
        }
        Map<String, Long> perProvince = new TreeMap<>();
        ds.entities.forEach(e -> perProvince.merge(e.provinceCode, 1L, Long::sum));
        for (Provinces.Province p : Provinces.ALL) {
            int n = (int) Math.max(1, Math.min(8, (perProvince.getOrDefault(p.code(), 0L) + 149) / 150));
            for (int k = 1; k <= n; k++) {
                users.add(new Identity.User("season.p." + p.code() + "." + k, "province", "province_code", p.code(),
                        p.name(), "Officer " + k));
            }
        }
        for (Entity e : ds.entities) {
            users.add(new Identity.User(entityUser(e), "entity", "entity_id", e.uscc, "Entity", e.uscc));
        }
        if (next != null) {
            next.industry.forEach(a -> users.add(new Identity.User(entityUser(a.entity()), "entity", "entity_id",
                    a.entity().uscc, "Entity", a.entity().uscc)));
        }
        identity.ensureClient(Duration.ofHours(args.integer("token-hours", 4)));
        long t = System.nanoTime();
        int imported = identity.importUsers(users);
        current.note = String.format("%d users imported in %.1f s", imported, (System.nanoTime() - t) / 1e9);
        for (Identity.User u : users) {
            Http.Principal p = identity.principal(u.username());
            switch (u.role()) {
                case "registry" -> registry.add(p);
                case "exchange" -> desks.add(p);
                case "province" -> officers.computeIfAbsent(u.value(), c -> new ArrayList<>()).add(p);
                default -> {
                }
            }
        }
        // every login costs Keycloak a password hash: all of them now, so that the season itself is timed alone
        pool.each(Identity.names(users), current, name -> {
            identity.token(name);
            current.ok();
        });
        current.note += String.format(", %d tokens", current.done.get());
    }

    private static String entityUser(Entity e) {
        return "season.e." + e.index;
    }

    private Http.Principal entity(Entity e) {
        return identity.principal(entityUser(e));
    }

    private Http.Principal registry() {
        return registry.get(turn.incrementAndGet() % registry.size());
    }

    private Http.Principal desk() {
        return desks.get(turn.incrementAndGet() % desks.size());
    }

    private Http.Principal officer(Entity e) {
        List<Http.Principal> list = officers.get(e.provinceCode);
        return list.get(e.index % list.size());
    }

    private Http.Principal officer(String province) {
        List<Http.Principal> list = officers.get(province);
        return list.get(turn.incrementAndGet() % list.size());
    }

    String key(String what) {
        return "season-" + tag + "-" + what;
    }

    // ---- the business clock -------------------------------------------------------------------------------------

    void at(LocalDate day) {
        clock(OffsetDateTime.of(day, LocalTime.of(10, 0), CST));
    }

    /** Moves every service's business clock (PUT /api/<service>/admin/clock, registry): the one place time moves. */
    void clock(OffsetDateTime now) {
        synchronized (clockLock) {
            moveClocks(now);
            clockSetTo = now;
            clockSetAtNanos = System.nanoTime();
        }
    }

    private void moveClocks(OffsetDateTime now) {
        List<java.util.concurrent.CompletableFuture<Void>> moves = new ArrayList<>();
        for (String service : CLOCKED) {
            moves.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                Http.Reply r = http.put("/api/" + service + "/admin/clock", registry(), Map.of("now", now.toString()), null);
                if (!r.ok() && clockProblems.putIfAbsent(service, r.brief()) == null) {
                    System.out.printf("  ! the %s clock cannot be moved (%s): its deadlines follow the real time%n",
                            service, r.brief());
                }
            }, clockPool));
        }
        moves.forEach(java.util.concurrent.CompletableFuture::join);
    }

    /**
     * A restarted service resumes its business clock from the setting it keeps in its database; one whose database
     * was reset starts again at {@code carbon.clock.start}. Every second the keeper compares each service's clock with
     * the season's time and puts it back if it strayed.
     */
    private void startClockKeeper() {
        Thread keeper = new Thread(() -> {
            while (true) {
                Http.sleep(1_000);
                synchronized (clockLock) {
                    if (clockSetTo == null) {
                        continue;
                    }
                    OffsetDateTime expected = clockSetTo.plusNanos(System.nanoTime() - clockSetAtNanos);
                    for (String service : CLOCKED) {
                        Http.Reply r = http.get("/api/" + service + "/admin/clock", registry());
                        if (!r.ok() || !r.json().path("now").isTextual()) {
                            continue; // down: it will be looked at again in a second
                        }
                        java.time.Instant now = java.time.Instant.parse(r.json().path("now").asText());
                        if (Math.abs(Duration.between(now, expected.toInstant()).toSeconds()) > 120) {
                            Http.Reply put = http.put("/api/" + service + "/admin/clock", registry(),
                                    Map.of("now", expected.toString()), null);
                            clockRepairs.incrementAndGet();
                            System.out.printf("  ! the %s clock read %s (restarted?): set back to %s (%s)%n", service, now,
                                    expected, put.status());
                        }
                    }
                }
            }
        }, "clock-keeper");
        keeper.setDaemon(true);
        keeper.start();
    }

    // ---- setup --------------------------------------------------------------------------------------------------

    private void baseline() {
        issuedBaseline.putAll(issued());
        pool.each(officers.keySet(), current, p -> recordsBaseline.put(p, records(p)));
        current.note = "issued so far " + issuedBaseline;
        current.ok();
    }

    private void register() {
        pool.each(ds.entities, current, e -> {
            Map<String, Object> body = Map.of("uscc", e.uscc, "name", e.name, "provinceCode", e.provinceCode,
                    "sector", e.sector);
            Http.Reply r = http.post("/api/allocation/entities", officer(e), body, key("entity-" + e.uscc));
            expect(r, "register " + e.uscc, 201);
        });
    }

    private void statuses() {
        List<Entity> special = ds.entities.stream()
                .filter(e -> !"OPERATING".equals(e.status) && !e.statusAfterPreAllocation).toList();
        pool.each(special, current, this::putStatus);
    }

    /** The entity's special status with its reasons and note (PUT /api/allocation/entities/{uscc}/status). */
    void putStatus(Entity e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status);
        body.put("reasons", e.reasons);
        body.put("specialNote", e.specialNote);
        body.put("why", "season " + tag + ": " + e.plan + (e.statusAfterPreAllocation ? ", after the pre-allocation" : ""));
        expect(http.put("/api/allocation/entities/" + e.uscc + "/status", officer(e), body, key("status-" + e.uscc)),
                "status " + e.uscc, 200);
    }

    private void importUnits() {
        Map<String, List<DataSet.Unit>> byProvince = new TreeMap<>();
        ds.entities.forEach(e -> byProvince.computeIfAbsent(e.provinceCode, p -> new ArrayList<>()).addAll(e.units));
        pool.each(byProvince.entrySet(), current, p -> {
            Http.Reply r = http.send("POST", "/api/allocation/cycles/" + cycle + "/units:import", officer(p.getKey()),
                    "text/csv", DataSetFiles.unitsCsv(p.getValue()), key("units-" + p.getKey()));
            expect(r, "units of " + p.getKey(), 200);
        });
        current.note = ds.units().size() + " unit-year rows";
    }

    /**
     * The registry ledger opens accounts from carbon.entities.v1; an issuance for an entity it has not seen yet would
     * go to its dead-letter topic. Waits until the last three registered of every province and 100 others have an
     * account (the end-of-season checks look at the dead-letter topics).
     */
    private void awaitDirectories() {
        List<Entity> sample = new ArrayList<>();
        Map<String, List<Entity>> byProvince = new TreeMap<>();
        ds.entities.forEach(e -> byProvince.computeIfAbsent(e.provinceCode, p -> new ArrayList<>()).add(e));
        byProvince.values().forEach(l -> sample.addAll(l.subList(Math.max(0, l.size() - 3), l.size())));
        for (int i = 0; i < ds.entities.size() && sample.size() < 93 + 100; i += Math.max(1, ds.entities.size() / 100)) {
            sample.add(ds.entities.get(i));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(args.integer("propagation-seconds", 300)).toNanos();
        List<Entity> missing = new ArrayList<>(sample);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            List<Entity> still = java.util.Collections.synchronizedList(new ArrayList<>());
            pool.each(missing, current, e -> {
                if (http.get("/api/surrender/accounts/" + e.uscc, entity(e)).status() != 200) {
                    still.add(e);
                }
            });
            missing = still;
            if (!missing.isEmpty()) {
                Http.sleep(500);
            }
        }
        if (!missing.isEmpty()) {
            current.fail(missing.size() + " sampled entities have no account in surrender-service, e.g. " + missing.get(0).uscc);
        }
        current.note = sample.size() + " sampled accounts open";
    }

    private void job(String kind) {
        Http.Reply r = http.post("/api/allocation/cycles/" + cycle + "/" + kind, registry(), null, key(kind));
        if (r.status() != 202 && r.status() != 200) {
            current.fail(kind + ": " + r.brief());
            return;
        }
        JsonNode job = awaitJob(r.json(), registry());
        String status = job.path("status").asText();
        current.note = (current.note.isEmpty() ? "" : current.note + "; ") + kind + " " + status + " "
                + job.path("done").asInt() + "/" + job.path("total").asInt() + ", " + job.path("instructions").asInt()
                + " instructions, " + job.path("obligations").asInt() + " obligations";
        if (!"SUCCEEDED".equals(status)) {
            current.fail(kind + " job " + job.path("id").asText() + " ended " + status + ": " + job.path("errors") + " " + job.path("message"));
        } else {
            current.ok();
        }
    }

    /** Follows an allocation job from its 202 answer until it finished (or job-seconds passed); its last state. */
    JsonNode awaitJob(JsonNode accepted, Http.Principal who) {
        String id = accepted.path("id").asText();
        JsonNode job = accepted;
        long deadline = System.nanoTime() + Duration.ofSeconds(args.integer("job-seconds", 1200)).toNanos();
        while (!job.path("finishedAt").isTextual() && System.nanoTime() < deadline) {
            Http.sleep(500);
            Http.Reply j = http.get("/api/allocation/jobs/" + id, who);
            if (j.ok()) {
                job = j.json();
            }
        }
        return job;
    }

    /** Waits until the ledger's issuance of each vintage has grown by what the data set issues. */
    private void awaitIssuance(List<String> vintages) {
        awaitIssuance(vintages, ds.issuedByVintage);
    }

    /** Waits until the ledger's issuance of each vintage has grown by {@code want} (per vintage). */
    void awaitIssuance(List<String> vintages, Map<String, Long> want) {
        long deadline = System.nanoTime() + Duration.ofSeconds(args.integer("propagation-seconds", 300)).toNanos();
        Map<String, Long> got = new TreeMap<>();
        long lastChange = System.nanoTime();
        Map<String, Long> previous = Map.of();
        while (System.nanoTime() < deadline) {
            got.clear();
            issued().forEach((code, issuedT) -> {
                if (vintages.contains(code)) {
                    got.put(code, issuedT - issuedBaseline.getOrDefault(code, 0L));
                }
            });
            boolean all = vintages.stream().allMatch(v -> got.getOrDefault(v, 0L).longValue() == want.getOrDefault(v, 0L));
            if (all) {
                current.note = (current.note.isEmpty() ? "" : current.note + "; ") + "issued " + got;
                return;
            }
            if (!got.equals(previous)) {
                previous = new TreeMap<>(got);
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > Duration.ofSeconds(args.integer("stall-seconds", 120)).toNanos()) {
                break; // nothing moves any more
            }
            Http.sleep(1_000);
        }
        Map<String, Long> expected = new TreeMap<>();
        vintages.forEach(v -> expected.put(v, want.getOrDefault(v, 0L)));
        current.fail("ledger issuance " + got + " differs from the data set's " + expected);
    }

    /** Waits until surrender-service holds a compliance record for every entity-year of the run in these provinces. */
    void awaitObligations(Set<String> provinces) {
        Map<String, Long> expected = new TreeMap<>();
        ds.entities.stream().filter(e -> provinces.contains(e.provinceCode))
                .forEach(e -> expected.merge(e.provinceCode, (long) e.years.size(), Long::sum));
        long deadline = System.nanoTime() + Duration.ofSeconds(args.integer("propagation-seconds", 300)).toNanos();
        Set<String> waiting = new TreeSet<>(expected.keySet());
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Set<String> still = ConcurrentHashMap.newKeySet();
            pool.each(waiting, current, p -> {
                long records = records(p);
                if (records < recordsBaseline.getOrDefault(p, 0L) + expected.get(p)) {
                    still.add(p);
                }
            });
            waiting = still;
            if (!waiting.isEmpty()) {
                Http.sleep(1_000);
            }
        }
        if (!waiting.isEmpty()) {
            current.fail("compliance records missing in provinces " + waiting);
        }
    }

    private long records(String province) {
        Http.Reply r = http.get("/api/surrender/compliance?cycle=" + cycle + "&province=" + province + "&size=1",
                officer(province));
        return r.ok() ? r.json().path("total").asLong() : -1;
    }

    // ---- borrowing and offsets --------------------------------------------------------------------------------

    private void borrowing() {
        Map<String, Entity> byUscc = index();
        pool.each(ds.borrowings, current, b -> {
            Entity e = byUscc.get(b.uscc());
            Map<String, Object> body = Map.of("complianceYear", b.complianceYear(), "quantityT", b.quantityT(),
                    "reason", b.reason());
            Http.Reply r = http.post("/api/allocation/cycles/" + cycle + "/borrowing-applications", entity(e), body,
                    key("borrow-" + b.uscc() + "-" + b.complianceYear()));
            if (!expect(r, "borrowing of " + b.uscc() + " for " + b.complianceYear(), 201)) {
                return;
            }
            String id = r.json().path("id").asText();
            Map<String, Object> decision = Map.of("decision", "APPROVE", "note", "经核实，同意预支 (approved)");
            expect(http.post("/api/allocation/borrowing-applications/" + id + "/decision", officer(e), decision,
                    key("borrow-decision-" + id)), "decision on " + id, 200);
        });
        if (!ds.borrowings.isEmpty()) {
            awaitIssuance(List.of(rb.borrowingVintage()));
        }
    }

    private void offsets() {
        Map<String, Entity> byUscc = index();
        pool.each(ds.lots, current, l -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("lotId", l.lotId());
            body.put("uscc", l.uscc());
            body.put("projectId", l.projectId());
            body.put("projectName", l.projectName());
            body.put("projectType", l.projectType());
            body.put("quantityT", l.quantityT());
            body.put("insideNationalEtsCoverage", false);
            body.put("filedOn", l.filedOn().toString());
            body.put("firstCycleCancelledUnused", l.firstCycleCancelledUnused());
            if (l.cancellationRef() != null) {
                body.put("firstCycleCancellationRef", l.cancellationRef());
            }
            Http.Reply r = http.post("/api/offsets/ccer-lots", registry(), body, key("lot-" + l.lotId()));
            expect(r, "lot " + l.lotId(), 201, 409);
        });
        // the cap needs the obligation, which offset-service learns from carbon.obligations.v1
        Set<String> offsetters = new TreeSet<>();
        ds.offsets.forEach(a -> offsetters.add(a.uscc()));
        awaitEach(offsetters, u -> {
            Http.Reply h = http.get("/api/offsets/entities/" + u + "/headroom?cycle=" + cycle + "&complianceYear=2022",
                    entity(byUscc.get(u)));
            return h.ok() && h.json().path("obligationKnown").asBoolean();
        }, "offset-service knows the obligation");
        pool.each(ds.offsets, current, a -> {
            Entity e = byUscc.get(a.uscc());
            List<Map<String, Object>> lines = new ArrayList<>();
            for (DataSet.OffsetLine l : a.lines()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("lotId", l.lotId());
                line.put("quantityT", l.quantityT());
                if (l.firstCycleEvidence() != null) {
                    line.put("firstCycleEvidence", l.firstCycleEvidence());
                }
                lines.add(line);
            }
            Map<String, Object> body = Map.of("uscc", a.uscc(), "cycle", cycle, "complianceYear", a.complianceYear(),
                    "lots", lines);
            Http.Reply r = http.post("/api/offsets/applications", entity(e), body, key("offset-" + a.uscc() + "-" + a.complianceYear()));
            if (!expect(r, "offset application of " + a.uscc() + " " + a.complianceYear(), 201)) {
                return;
            }
            String id = r.json().path("id").asText();
            if (!expect(http.post("/api/offsets/applications/" + id + "/review", officer(e),
                    Map.of("decision", "APPROVE", "comment", "材料齐全，同意抵销 (approved)"), key("offset-review-" + id)),
                    "review of " + id, 200)) {
                return;
            }
            expect(http.post("/api/offsets/applications/" + id + "/confirm", registry(), null, key("offset-confirm-" + id)),
                    "confirmation of " + id, 200);
        });
        // the ledger credits the offsets from carbon.offsets.v1: wait until every one is counted
        awaitEach(offsetters, u -> {
            Entity e = byUscc.get(u);
            JsonNode c = http.get("/api/surrender/compliance/" + u + "?cycle=" + cycle, entity(e)).json();
            for (JsonNode y : c.path("years")) {
                if (y.path("offsetT").asLong() != e.years.get(y.path("complianceYear").asInt()).offsetT) {
                    return false;
                }
            }
            return true;
        }, "the ledger credited the offsets");
    }

    private void awaitEach(Set<String> usccs, java.util.function.Predicate<String> ready, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(args.integer("propagation-seconds", 300)).toNanos();
        Set<String> waiting = new TreeSet<>(usccs);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Set<String> still = ConcurrentHashMap.newKeySet();
            pool.each(waiting, current, u -> {
                if (!ready.test(u)) {
                    still.add(u);
                }
            });
            waiting = still;
            if (!waiting.isEmpty()) {
                Http.sleep(500);
            }
        }
        if (!waiting.isEmpty()) {
            current.fail("not yet " + what + " for " + waiting.size() + " entities, e.g. " + waiting.iterator().next());
        }
    }

    // ---- the trading season -----------------------------------------------------------------------------------

    private void tradingSeason() {
        Map<LocalDate, List<DataSet.Trade>> trades = new TreeMap<>();
        ds.trades.forEach(t -> trades.computeIfAbsent(t.week(), w -> new ArrayList<>()).add(t));
        Map<LocalDate, List<Entity>> surrenders = new TreeMap<>();
        ds.entities.stream().filter(e -> e.surrenderWeek != null)
                .forEach(e -> surrenders.computeIfAbsent(e.surrenderWeek, w -> new ArrayList<>()).add(e));
        long settled = 0;
        long surrendered = 0;
        LocalDate previous = null;
        for (LocalDate week = Generator.FIRST_TRADING_WEEK; week.isBefore(Generator.AFTER_DEADLINE_WEEK); week = week.plusWeeks(1)) {
            if (previous != null) {
                clock(OffsetDateTime.of(week, LocalTime.of(9, 0), CST));
                feed(previous);
            }
            clock(OffsetDateTime.of(week.plusDays(2), LocalTime.of(10, 0), CST));
            faults.at("week " + week);
            List<DataSet.Trade> t = trades.getOrDefault(week, List.of());
            settle(t);
            settled += t.size();
            if (week.equals(Generator.FORCED_SURRENDER_WEEK)) {
                forcedSurrenders();
            }
            List<Entity> s = surrenders.getOrDefault(week, List.of());
            pool.each(s, current, this::surrenderOnTime);
            surrendered += s.size();
            if (week.equals(Generator.SPECIAL_COMPLETION_WEEK)) { // before the paper forms are due (12-15)
                new ConsequenceSteps(this).offsetBeyondObligation(week);
            }
            previous = week;
        }
        clock(OffsetDateTime.of(previous.plusDays(6), LocalTime.of(20, 0), CST));
        feed(previous);
        current.note = settled + " settlements, " + surrendered + " entities surrendering, " + feedsAccepted.size()
                + " weekly feeds accepted";
    }

    private void settle(List<DataSet.Trade> trades) {
        pool.each(trades, current, t -> {
            Map<String, Object> body = Map.of("tradeId", t.tradeId(), "sellerUscc", t.sellerUscc(), "buyerUscc",
                    t.buyerUscc(), "vintage", t.vintage(), "quantityT", t.quantityT());
            expect(http.post("/api/surrender/settlements", desk(), body, null), "settlement " + t.tradeId(), 201, 200);
        });
    }

    private void feed(LocalDate week) {
        List<DataSet.FeedRow> rows = ds.feeds.get(week);
        if (rows == null) {
            return;
        }
        Http.Reply r = http.send("POST", "/api/risk/net-purchase-feeds", desk(), "text/csv", DataSetFiles.feedCsv(rows),
                key("feed-" + week));
        if (expect(r, "feed of week " + week, 201, 200)) {
            feedsAccepted.put(week.toString(), rows.size());
        }
    }

    /** The entity's own surrender of its on-time years, as its plan says. */
    private void surrenderOnTime(Entity e) {
        switch (e.plan) {
            case ON_TIME, SPECIAL_COMPLETE -> surrender(e, e.years.keySet(), false, "on-time");
            case LATE -> {
                Set<Integer> onTime = new TreeSet<>(e.years.keySet());
                onTime.removeAll(e.lateYears);
                surrender(e, onTime, false, "on-time");
            }
            case OVERDUE_PARTIAL -> surrender(e, e.years.keySet(), true, "partial");
            default -> {
            }
        }
    }

    /**
     * Reads the entity's remaining obligation and holdings, then surrenders each year: its borrowed units first
     * (they serve only that year), its own year's vintage, then the other vintages. {@code partial}: what it holds
     * only, in year order, never more.
     */
    private void surrender(Entity e, Set<Integer> years, boolean partial, String step) {
        Http.Principal who = entity(e);
        Http.Reply c = http.get("/api/surrender/compliance/" + e.uscc + "?cycle=" + cycle, who);
        Http.Reply a = http.get("/api/surrender/accounts/" + e.uscc, who);
        if (!expect(c, "compliance of " + e.uscc, 200) || !expect(a, "account of " + e.uscc, 200)) {
            return;
        }
        Map<Integer, Long> remaining = new TreeMap<>();
        c.json().path("years").forEach(y -> remaining.put(y.path("complianceYear").asInt(), y.path("remainingT").asLong()));
        Map<String, Long> free = new TreeMap<>();
        Map<String, Long> restricted = new TreeMap<>();
        a.json().path("holdings").forEach(h -> {
            free.put(h.path("vintage").asText(), h.path("freeT").asLong());
            restricted.put(h.path("vintage").asText(), h.path("restrictedT").asLong());
        });
        for (int year : years) {
            long need = remaining.getOrDefault(year, 0L);
            if (need <= 0) {
                continue;
            }
            List<Map<String, Object>> lines = new ArrayList<>();
            String borrowed = rb.borrowingVintage();
            long fromBorrowed = Math.min(need, Math.min(e.years.get(year).borrowedT, restricted.getOrDefault(borrowed, 0L)));
            if (fromBorrowed > 0) {
                lines.add(Map.of("vintage", borrowed, "quantityT", fromBorrowed));
                restricted.merge(borrowed, -fromBorrowed, Long::sum);
                need -= fromBorrowed;
            }
            List<String> order = new ArrayList<>();
            order.add(rb.allocationVintage(year));
            free.keySet().stream().filter(v -> !v.equals(rb.allocationVintage(year)) && !v.equals(borrowed)).forEach(order::add);
            for (String v : order) {
                long q = Math.min(need, free.getOrDefault(v, 0L));
                if (q > 0) {
                    lines.add(Map.of("vintage", v, "quantityT", q));
                    free.merge(v, -q, Long::sum);
                    need -= q;
                }
            }
            if (need > 0 && !partial) {
                current.fail(e.uscc + " (" + e.plan + ") holds " + need + " t too few for " + year + ": " + a.json().path("holdings"));
            }
            if (lines.isEmpty()) {
                continue;
            }
            Map<String, Object> body = Map.of("uscc", e.uscc, "complianceYear", year, "lines", lines);
            if (expect(http.post("/api/surrender/surrenders", who, body, key("surrender-" + step + "-" + e.uscc + "-" + year)),
                    "surrender of " + e.uscc + " for " + year, 201)) {
                current.ok();
            }
        }
    }

    private void forcedSurrenders() {
        List<Entity> special = ds.entities.stream()
                .filter(e -> e.plan == Plan.SPECIAL_COMPLETE || e.plan == Plan.SPECIAL_SHORT).toList();
        pool.each(special, current, e -> {
            Http.Reply r = http.post("/api/surrender/forced-surrenders", officer(e), Map.of("uscc", e.uscc, "cycle", cycle),
                    key("forced-" + e.uscc));
            if (!expect(r, "forced surrender of " + e.uscc, 201, 200)) {
                return;
            }
            String id = r.json().path("id").asText();
            forcedOrders.put(e.uscc, id);
            expect(http.post("/api/surrender/forced-surrenders/" + id + "/execute", registry(), null, key("forced-exec-" + id)),
                    "execution of " + id, 200);
        });
    }

    private void lateCompliance() {
        Map<String, Entity> byUscc = index();
        settle(ds.trades.stream().filter(t -> t.week().equals(Generator.AFTER_DEADLINE_WEEK)).toList());
        List<Entity> late = ds.entities.stream().filter(e -> e.plan == Plan.LATE).toList();
        pool.each(late, current, e -> {
            for (int year : new TreeSet<>(e.lateYears)) {
                Http.Reply r = http.post("/api/surrender/late-compliance-requests", entity(e),
                        Map.of("uscc", e.uscc, "complianceYear", year, "reason", "资金周转延误 (late funds)"),
                        key("late-" + e.uscc + "-" + year));
                if (!expect(r, "late request of " + e.uscc + " " + year, 201, 200)) {
                    return;
                }
                String id = r.json().path("id").asText();
                if (!expect(http.post("/api/surrender/late-compliance-requests/" + id + "/confirm", officer(e), null,
                        key("late-confirm-" + id)), "confirmation of " + id, 200)) {
                    return;
                }
            }
            surrender(e, e.lateYears, false, "late");
        });
        current.note = late.size() + " entities late, " + byUscc.size() + " in the run";
    }

    // ---- checks -------------------------------------------------------------------------------------------------

    private void checks() {
        new SeasonChecks(this).run();
        new ConsequenceChecks(this).run();
    }

    DataSet dataSet() {
        return ds;
    }

    Rulebook rulebook() {
        return rb;
    }

    Http http() {
        return http;
    }

    Parallel pool() {
        return pool;
    }

    Phase current() {
        return current;
    }

    String cycle() {
        return cycle;
    }

    Http.Principal registryPrincipal() {
        return registry();
    }

    Http.Principal entityPrincipal(Entity e) {
        return entity(e);
    }

    Http.Principal officerOf(String province) {
        return officer(province);
    }

    Http.Principal officerOf(Entity e) {
        return officer(e);
    }

    /** The registry's operators by number: a four-eyes step needs two different ones. */
    Http.Principal registryOperator(int i) {
        return registry.get(i % registry.size());
    }

    Http.Principal deskPrincipal() {
        return desk();
    }

    Args args() {
        return args;
    }

    Map<String, String> forcedOrders() {
        return forcedOrders;
    }

    Map<String, Long> issuedBaseline() {
        return issuedBaseline;
    }

    Map<String, Integer> feedsAccepted() {
        return feedsAccepted;
    }

    void add(Check c) {
        checks.add(c);
    }

    Map<String, Entity> index() {
        Map<String, Entity> m = new HashMap<>();
        ds.entities.forEach(e -> m.put(e.uscc, e));
        return m;
    }

    boolean expect(Http.Reply r, String what, int... statuses) {
        for (int s : statuses) {
            if (r.status() == s) {
                current.ok();
                return true;
            }
        }
        current.fail(what + " → " + r.brief());
        return false;
    }

    // ---- the report ---------------------------------------------------------------------------------------------

    private int report() {
        System.out.println();
        System.out.printf("SEASON %s — seed %d, scale %s: %d entities, %d unit-year rows, %d trades%n", tag, ds.seed,
                ds.scale, ds.entities.size(), ds.units().size(), ds.trades.size());
        System.out.printf("%-28s %9s %9s %8s %9s%n", "phase", "requests", "done", "failed", "seconds");
        for (Phase p : phases) {
            System.out.printf("%-28s %9d %9d %8d %9.1f%n", p.name, http.counts().getOrDefault(p.name, new java.util.concurrent.atomic.AtomicLong()).get(),
                    p.done.get(), p.failures.get(), p.seconds());
        }
        System.out.printf("retried %d calls while the platform could not answer, %d after 429 (rate limit), %d after a"
                + " deadline problem; business clocks put back %d times%n", http.retries(), http.throttled(),
                http.clockRetries(), clockRepairs.get());
        new TreeMap<>(http.throttledBy()).forEach((k, n) -> System.out.printf("  429 in %s: %d%n", k, n.get()));
        if (!clockProblems.isEmpty()) {
            System.out.println("business clock not adjustable in: " + clockProblems.keySet());
        }
        System.out.println();
        boolean all = true;
        for (Check c : checks) {
            String verdict = c.skipped ? "SKIP" : c.passed() ? "PASS" : "FAIL";
            all &= c.passed() || c.skipped;
            System.out.printf("%-4s %-48s %8d checked %6d mismatched  %s%n", verdict, c.name, c.checked, c.mismatches, c.note);
            c.examples.forEach(x -> System.out.println("       " + x));
        }
        long phaseFailures = phases.stream().mapToLong(p -> p.failures.get()).sum();
        System.out.println();
        System.out.printf("identities (Keycloak users and logins): %.1f s%n", identitySeconds);
        System.out.printf("season wall time (registration to late compliance, without identities and checks): %.1f s%n",
                seasonSeconds);
        if (next != null) {
            System.out.printf("the next years (2023 power, 2024 industry, without their checks): %.1f s%n",
                    nextYearsSeconds);
        }
        System.out.printf("checks: %.1f s%n", phases.stream().filter(p -> p.name.endsWith("checks"))
                .mapToDouble(Phase::seconds).sum());
        boolean green = all && phaseFailures == 0 && !checks.isEmpty();
        System.out.println(green ? "SEASON GREEN" : "SEASON RED (" + phaseFailures + " step failures)");
        String summary = args.get("summary", null);
        if (summary != null) {
            try {
                java.nio.file.Path file = java.nio.file.Path.of(summary).toAbsolutePath();
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.writeString(file, String.format(
                        "run=%s%nscale=%s%nentities=%d%ngreen=%s%nseason_seconds=%.1f%nidentity_seconds=%.1f%nstep_failures=%d%n",
                        tag, ds.scale, ds.entities.size(), green, seasonSeconds, identitySeconds, phaseFailures));
            } catch (java.io.IOException e) {
                System.err.println("cannot write " + summary + ": " + e);
            }
        }
        return green ? 0 : 1;
    }

    /** Runs {@code action} for each entity of the run, on the pool. */
    void forEachEntity(Consumer<Entity> action) {
        pool.each(ds.entities, current, action);
    }

    static Year year(Entity e, int y) {
        return e.years.get(y);
    }
}
