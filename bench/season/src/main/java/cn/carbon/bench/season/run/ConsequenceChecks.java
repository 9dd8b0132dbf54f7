package cn.carbon.bench.season.run;

import cn.carbon.bench.season.data.Consequences;
import cn.carbon.bench.season.data.DataSet;
import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Issue 12's checks at the end of the season, each recomputed from the data set (never from a service's answer): the
 * carry-over statement of every entity (borrowing repaid, uncured shortfalls 1:1, late compliance cancelling its
 * line), per entity and per province; the deadlines of the late province and of the others; the frozen account's
 * forced surrender (own vintage first, from custody and the frozen account) and its final balances.
 */
final class ConsequenceChecks {

    private final Season s;
    private final DataSet ds;
    private final Rulebook rb;
    private final Http http;
    private final String cycle;

    ConsequenceChecks(Season s) {
        this.s = s;
        this.ds = s.dataSet();
        this.rb = s.rulebook();
        this.http = s.http();
        this.cycle = s.cycle();
    }

    void run() {
        carryOverPerEntity();
        carryOverPerProvince();
        deadlines();
        frozenForcedSurrender();
    }

    /** Active lines per "KIND year" and cancelled ones, as the season names them. */
    record Statement(Map<String, Long> active, Map<String, Long> cancelled) {

        static Statement of(List<ApiFields.Line> lines) {
            Map<String, Long> active = new TreeMap<>();
            Map<String, Long> cancelled = new TreeMap<>();
            for (ApiFields.Line l : lines) {
                String key = l.kind() + " " + l.year();
                if (ApiFields.OWED.equals(l.state())) {
                    active.merge(key, l.quantityT(), Long::sum);
                } else if (ApiFields.CANCELLED.equals(l.state())) {
                    cancelled.merge(key, l.quantityT(), Long::sum);
                }
            }
            return new Statement(active, cancelled);
        }

        static Statement expected(Entity e) {
            Map<String, Long> active = new TreeMap<>();
            Map<String, Long> cancelled = new TreeMap<>();
            for (Consequences.Line l : Consequences.carryOver(e)) {
                (l.cancelled() ? cancelled : active).merge(l.kind() + " " + l.complianceYear(), l.quantityT(), Long::sum);
            }
            return new Statement(active, cancelled);
        }

        /** Active lines exactly; every expected cancelled line present (other cancelled history may be kept). */
        String diff(Statement want) {
            List<String> d = new ArrayList<>();
            if (!active.equals(want.active)) {
                d.add("owed " + active + ", expected " + want.active);
            }
            want.cancelled.forEach((k, q) -> {
                if (!q.equals(cancelled.get(k))) {
                    d.add("cancelled " + k + " " + cancelled.get(k) + "/" + q);
                }
            });
            return String.join("; ", d);
        }
    }

    /** Every entity that owes something or complied late, and a sample of those that owe nothing. */
    private void carryOverPerEntity() {
        Check c = new Check("carry-over statement per entity = recomputed");
        List<Entity> watched = new ArrayList<>();
        int clean = 0;
        for (Entity e : ds.entities) {
            if (!Consequences.carryOver(e).isEmpty()) {
                watched.add(e);
            } else if (clean < 20 && e.index % 53 == 0) {
                watched.add(e);
                clean++;
            }
        }
        s.pool().each(watched, s.current(), e -> {
            // the statements follow the registry's events: read again until they match, for at most 30 s
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            String diff;
            while (true) {
                Http.Reply r = http.get("/api/allocation/cycles/" + cycle + "/entities/" + e.uscc + "/carry-over",
                        s.officerOf(e));
                if (!r.ok()) {
                    c.item(false, e.uscc + ": " + r.brief());
                    return;
                }
                List<ApiFields.Line> lines = new ArrayList<>();
                r.json().path(ApiFields.ENTITY_STATEMENT).path(ApiFields.ENTITY_LINES)
                        .forEach(l -> lines.add(ApiFields.Line.ofEntity(l)));
                diff = Statement.of(lines).diff(Statement.expected(e));
                if (diff.isEmpty() || System.nanoTime() >= until) {
                    break;
                }
                Http.sleep(500);
            }
            c.item(diff.isEmpty(), e.uscc + " (" + e.plan + "): " + diff);
        });
        long shortfalls = ds.entities.stream().flatMap(e -> Consequences.carryOver(e).stream())
                .filter(l -> l.kind().equals(Consequences.SHORTFALL) && !l.cancelled()).count();
        long cancelled = ds.entities.stream().flatMap(e -> Consequences.carryOver(e).stream()).filter(Consequences.Line::cancelled).count();
        c.note = watched.size() + " entities, " + shortfalls + " uncured shortfalls, " + cancelled + " cancelled by late compliance";
        s.add(c);
    }

    /** The province's statements hold, for each of the run's entities, what it owes (nothing for most). */
    private void carryOverPerProvince() {
        Check c = new Check("carry-over statements per province = recomputed");
        Map<String, Entity> mine = s.index();
        Map<String, List<Entity>> byProvince = new TreeMap<>();
        ds.entities.forEach(e -> byProvince.computeIfAbsent(e.provinceCode, p -> new ArrayList<>()).add(e));
        s.pool().each(byProvince.keySet(), s.current(), p -> {
            Map<String, List<ApiFields.Line>> rows = new TreeMap<>();
            for (int page = 0; page < 1000; page++) {
                Http.Reply r = http.get("/api/allocation/cycles/" + cycle + "/carry-over?province=" + p + "&size=500&page="
                        + page, s.officerOf(p));
                if (!r.ok()) {
                    c.item(false, p + ": " + r.brief());
                    return;
                }
                JsonNode items = r.json().path(ApiFields.PROVINCE_ROWS);
                items.forEach(row -> {
                    ApiFields.Line l = ApiFields.Line.ofProvinceRow(row);
                    if (mine.containsKey(l.uscc())) {
                        rows.computeIfAbsent(l.uscc(), u -> new ArrayList<>()).add(l);
                    }
                });
                if (items.size() < 500) {
                    break;
                }
            }
            Map<String, Statement> got = new TreeMap<>();
            rows.forEach((uscc, lines) -> got.put(uscc, Statement.of(lines)));
            for (Entity e : byProvince.get(p)) {
                Statement want = Statement.expected(e);
                Statement have = got.getOrDefault(e.uscc, new Statement(Map.of(), Map.of()));
                String diff = have.diff(want);
                c.item(diff.isEmpty(), p + " " + e.uscc + " (" + e.plan + "): " + diff);
            }
        });
        s.add(c);
    }

    /** The late province's verification and tables DONE_LATE with the reason; every other province DONE_ON_TIME. */
    private void deadlines() {
        Check c = new Check("deadlines per province: late one DONE_LATE, others DONE_ON_TIME");
        Map<String, Boolean> provinces = new TreeMap<>();
        ds.entities.forEach(e -> provinces.put(e.provinceCode, e.provinceCode.equals(ds.lateVerificationProvince)));
        s.pool().each(provinces.keySet(), s.current(), p -> {
            Http.Reply r = http.get("/api/allocation/cycles/" + cycle + "/deadlines?province=" + p, s.officerOf(p));
            if (!r.ok()) {
                c.item(false, p + ": " + r.brief());
                return;
            }
            Map<String, JsonNode> byName = new TreeMap<>();
            ApiFields.array(r.json(), ApiFields.DEADLINES).forEach(d -> byName.put(ApiFields.text(d, ApiFields.DEADLINE_NAME), d));
            boolean late = provinces.get(p);
            for (String name : List.of(ApiFields.VERIFICATION_DEADLINE, ApiFields.TABLES_DEADLINE)) {
                JsonNode d = byName.get(name);
                String state = d == null ? "missing" : ApiFields.text(d, ApiFields.DEADLINE_STATE);
                boolean ok = late ? "DONE_LATE".equals(state) && ApiFields.text(d, ApiFields.DEADLINE_REASON).equals(SpecialPaths.LATE_REASON)
                        : "DONE_ON_TIME".equals(state);
                if (!ok && d != null && earlierRunsIn(p)) {
                    // a season run again on the same stack: the province's state is decided by what an earlier run
                    // did first (or left undone); this run's own actions must still all be there, on time or late
                    ok = ownActionsRecorded(p, d, late);
                }
                c.item(ok, p + " " + name + ": " + (d == null ? "missing" : d.toString()) + ", expected "
                        + (late ? "DONE_LATE with the reason" : "DONE_ON_TIME"));
            }
        });
        c.note = "late: " + ds.lateVerificationProvince;
        s.add(c);
    }

    /** Whether the province holds entities of another run than this one (a season run again on the same stack). */
    private boolean earlierRunsIn(String province) {
        long ours = ds.entities.stream().filter(e -> e.provinceCode.equals(province)).count();
        Http.Reply r = http.get("/api/allocation/entities?province=" + province + "&size=1", s.officerOf(province));
        return r.ok() && r.json().path("total").asLong() > ours;
    }

    /** Every action this run did for the deadline is recorded: the run, and a notice to each of its entities. */
    private boolean ownActionsRecorded(String province, JsonNode deadline, boolean late) {
        Set<String> noticed = new TreeSet<>();
        boolean run = false;
        for (JsonNode a : deadline.path("actions")) {
            // the tables are submitted once per province: an earlier run's submission stands for this one
            boolean oncePerProvince = "TABLES_SUBMISSION".equals(a.path("action").asText());
            if (a.path("late").asBoolean() != late && !oncePerProvince) {
                continue;
            }
            if ("COMPLIANCE_NOTICE".equals(a.path("action").asText())) {
                noticed.add(a.path("reference").asText());
            } else {
                run = true;
            }
        }
        boolean allNoticed = ds.entities.stream()
                .filter(e -> e.provinceCode.equals(province) && !"DISSOLVED".equals(e.status))
                .allMatch(e -> noticed.contains(e.uscc));
        return run && (allNoticed || !deadline.path("appliesTo").toString().contains("COMPLIANCE_NOTICE"));
    }

    /**
     * The frozen entity's forced surrender took, per year, what the notice's order gives from custody and the frozen
     * account together (own vintage first); its shortfall per year; afterwards both accounts hold what was left.
     */
    private void frozenForcedSurrender() {
        Check c = new Check("frozen account: forced surrender own vintage first");
        Optional<Entity> found = ConsequenceSteps.frozen(ds);
        String id = found.map(e -> s.forcedOrders().get(e.uscc)).orElse(null);
        if (found.isEmpty() || id == null) {
            c.item(false, found.isEmpty() ? "no frozen entity in the data set" : "no forced surrender of " + found.get().uscc);
            s.add(c);
            return;
        }
        Entity e = found.get();
        Consequences.Forced want = Consequences.forced(e, rb, true);
        Http.Reply r = http.get("/api/surrender/forced-surrenders/" + id, s.registryPrincipal());
        if (!r.ok()) {
            c.item(false, "order " + id + ": " + r.brief());
            s.add(c);
            return;
        }
        for (JsonNode y : ApiFields.array(r.json(), ApiFields.ORDER_YEARS)) {
            int year = y.path("complianceYear").asInt();
            Map<String, Long> taken = new TreeMap<>();
            ApiFields.array(y, ApiFields.ORDER_LINES).forEach(l -> taken.merge(l.path("vintage").asText(), l.path("quantityT").asLong(), Long::sum));
            Map<String, Long> expected = new TreeMap<>(want.taken().getOrDefault(year, Map.of()));
            c.item(taken.equals(expected), e.uscc + " " + year + ": took " + taken + ", expected " + expected);
            long shortfall = ApiFields.number(y, ApiFields.ORDER_SHORTFALL);
            c.item(shortfall == want.shortfall().getOrDefault(year, 0L),
                    e.uscc + " " + year + ": shortfall " + shortfall + ", expected " + want.shortfall().get(year));
        }
        JsonNode account = http.get("/api/surrender/accounts/" + e.uscc, s.registryPrincipal()).json();
        Map<String, Long> holding = SpecialPaths.free(account.path("holdings"));
        Map<String, Long> custody = SpecialPaths.free(account.path("custody"));
        want.left().forEach((v, q) -> {
            c.item(holding.getOrDefault(v, 0L).longValue() == q, e.uscc + " account " + v + " " + holding.get(v) + ", expected " + q);
            c.item(custody.getOrDefault(v, 0L) == 0, e.uscc + " custody " + v + " " + custody.get(v) + ", expected 0");
        });
        c.note = e.uscc + ": took " + want.taken() + ", short " + want.shortfall();
        s.add(c);
    }
}
