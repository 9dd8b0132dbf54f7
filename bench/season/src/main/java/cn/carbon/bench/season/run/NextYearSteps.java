package cn.carbon.bench.season.run;

import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSetFiles;
import cn.carbon.bench.season.data.NextYears;
import cn.carbon.bench.season.data.NextYears.AnnualYear;
import cn.carbon.bench.season.data.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The years after 2021-2022 through the gateway: the 2023 power year (its data with gross generation, a verification
 * whose figures from provisional values are withheld until two registry officers confirm the rulebook version, the
 * bridge deductions, each entity's surrender for 2023 alone) and the 2024 year of the new steel, cement and aluminium
 * entities (registered, their verified emissions imported and issued, surrendered).
 */
final class NextYearSteps {

    private final Season s;
    private final NextYears next;
    private final Http http;
    /** uscc → what the season surrendered for the entity's annual year */
    final Map<String, Long> surrendered = new ConcurrentHashMap<>();

    NextYearSteps(Season s, NextYears next) {
        this.s = s;
        this.next = next;
        this.http = s.http();
    }

    String cycle2023() {
        return next.power2023.cycle();
    }

    String cycle2024() {
        return next.year2024.cycle();
    }

    /** The steel, cement and aluminium entities registered by their provinces, with their sector. */
    void registerIndustry() {
        s.pool().each(next.industry, s.current(), a -> {
            Entity e = a.entity();
            Map<String, Object> body = Map.of("uscc", e.uscc, "name", e.name, "provinceCode", e.provinceCode,
                    "sector", e.sector);
            s.expect(http.post("/api/allocation/entities", s.officerOf(e), body, s.key("entity-" + e.uscc)),
                    "register " + e.uscc, 201);
        });
    }

    /** Each province imports its entities' rows of the year, with gross generation (the extended header). */
    void importYear(String cycle, List<AnnualYear> years) {
        Map<String, List<cn.carbon.bench.season.data.DataSet.Unit>> byProvince = new TreeMap<>();
        years.forEach(a -> byProvince.computeIfAbsent(a.entity().provinceCode, p -> new ArrayList<>()).addAll(a.units()));
        s.pool().each(byProvince.entrySet(), s.current(), p -> s.expect(http.send("POST",
                        "/api/allocation/cycles/" + cycle + "/units:import", s.officerOf(p.getKey()), "text/csv",
                        DataSetFiles.annualUnitsCsv(p.getValue()), s.key("units-" + cycle + "-" + p.getKey())),
                "units of " + p.getKey() + " for " + cycle, 200));
        s.current().note = years.stream().mapToInt(a -> a.units().size()).sum() + " unit-year rows in "
                + byProvince.size() + " provinces";
    }

    /**
     * The registry's verification run of {@code cycle}. {@code withheld}: the run must name every entity as withheld
     * (its figures use provisional values nobody confirmed yet) and issue nothing.
     */
    void verification(String cycle, boolean withheld, String attempt) {
        Http.Reply r = http.post("/api/allocation/cycles/" + cycle + "/verification", s.registryPrincipal(), null,
                s.key("verification-" + cycle + "-" + attempt));
        if (!s.expect(r, "verification of " + cycle, 202, 200)) {
            return;
        }
        JsonNode job = s.awaitJob(r.json(), s.registryPrincipal());
        long withheldErrors = 0;
        List<String> other = new ArrayList<>();
        for (JsonNode e : job.path("errors")) {
            if (e.path("message").asText().startsWith("ISSUANCE_WITHHELD")) {
                withheldErrors++;
            } else {
                other.add(e.toString());
            }
        }
        s.current().note = cycle + " " + job.path("status").asText() + " " + job.path("done").asInt() + "/"
                + job.path("total").asInt() + ", " + job.path("instructions").asInt() + " instructions, "
                + job.path("obligations").asInt() + " obligations, " + withheldErrors + " withheld";
        if (!other.isEmpty()) {
            s.current().fail(cycle + " verification errors: " + other.subList(0, Math.min(3, other.size())));
        }
        // the job lists its first errors only: withheld means every listed one is, and nothing was instructed
        boolean asExpected = withheld ? withheldErrors > 0 && job.path("instructions").asInt() == 0
                : withheldErrors == 0 && job.path("instructions").asInt() > 0;
        if (!asExpected) {
            s.current().fail(cycle + " verification: " + withheldErrors + " listed entity-years withheld and "
                    + job.path("instructions").asInt() + " instructions; expected "
                    + (withheld ? "every figure withheld and none issued" : "none withheld and the allowances issued"));
        } else {
            s.current().ok();
        }
    }

    /**
     * Whether two officers already confirmed the provisional values of the cycle's rulebook version in force (an
     * earlier season on the same stack): then its figures are issued at once.
     */
    boolean released(String cycle) {
        Http.Reply r = http.get(confirmations(cycle), s.registryPrincipal());
        return r.ok() && r.json().path("issuanceReleased").asBoolean();
    }

    private String confirmations(String cycle) {
        Http.Reply rb = http.get("/api/allocation/cycles/" + cycle + "/rulebook", s.registryPrincipal());
        if (!s.expect(rb, "rulebook of " + cycle, 200)) {
            throw new IllegalStateException("no rulebook for " + cycle + ": " + rb.brief());
        }
        int version = new Rulebook(rb.json()).version();
        return "/api/allocation/cycles/" + cycle + "/rulebook/versions/" + version + "/provisional-confirmations";
    }

    /** Two different registry officers confirm the provisional values of the cycle's rulebook version (four eyes). */
    void fourEyes(String cycle) {
        String path = confirmations(cycle);
        JsonNode last = null;
        for (int officer = 0; officer < 2; officer++) {
            Http.Reply r = http.post(path, s.registryOperator(officer), Map.of("note",
                    "已核对暂定值 (provisional values checked), officer " + (officer + 1)), s.key("confirm-" + cycle + "-" + officer));
            if (!s.expect(r, "confirmation " + (officer + 1) + " of " + cycle, 200, 201)) {
                return;
            }
            last = r.json();
        }
        if (last == null || !last.path("issuanceReleased").asBoolean()) {
            s.current().fail("after two officers the " + cycle + " confirmations do not release issuance: " + last);
        }
        s.current().note = path.replaceAll(".*/versions/(\\d+)/.*", "version $1") + ": "
                + last.path("provisionalValues").size() + " provisional values, "
                + last.path("confirmations").size() + " confirmations";
    }

    /** Waits until every annual year of {@code years} has its compliance record in surrender-service. */
    void awaitObligations(String cycle, List<AnnualYear> years) {
        long deadline = System.nanoTime() + Duration.ofSeconds(s.args().integer("propagation-seconds", 300)).toNanos();
        List<AnnualYear> waiting = years;
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            List<AnnualYear> still = java.util.Collections.synchronizedList(new ArrayList<>());
            s.pool().each(waiting, s.current(), a -> {
                Http.Reply r = http.get("/api/surrender/compliance/" + a.entity().uscc + "?cycle=" + cycle,
                        s.entityPrincipal(a.entity()));
                if (!r.ok() || year(r.json(), a.year()).path("obligationT").isMissingNode()
                        || year(r.json(), a.year()).path("obligationT").isNull()) {
                    still.add(a);
                }
            });
            waiting = still;
            if (!waiting.isEmpty()) {
                Http.sleep(1_000);
            }
        }
        if (!waiting.isEmpty()) {
            s.current().fail(waiting.size() + " " + cycle + " obligations missing in surrender-service, e.g. "
                    + waiting.get(0).entity().uscc);
        }
    }

    /**
     * Each entity surrenders for its annual year alone: its free units of the year's vintage first, then the other
     * eligible vintages, up to what remains; an entity that holds too few leaves the rest open (overdue at the
     * deadline, a shortfall owed to the next allocation).
     */
    void surrender(String cycle, List<AnnualYear> years, Rulebook rb) {
        s.pool().each(years, s.current(), a -> {
            Entity e = a.entity();
            Http.Principal who = s.entityPrincipal(e);
            Http.Reply c = http.get("/api/surrender/compliance/" + e.uscc + "?cycle=" + cycle, who);
            Http.Reply h = http.get("/api/surrender/accounts/" + e.uscc, who);
            if (!s.expect(c, "compliance of " + e.uscc, 200) || !s.expect(h, "account of " + e.uscc, 200)) {
                return;
            }
            long need = year(c.json(), a.year()).path("remainingT").asLong();
            Map<String, Long> free = new TreeMap<>();
            h.json().path("holdings").forEach(v -> free.put(v.path("vintage").asText(), v.path("freeT").asLong()));
            List<String> order = new ArrayList<>();
            String own = rb.allocationVintage(a.year());
            order.add(own);
            rb.eligibleVintages(a.year()).stream().filter(v -> !v.equals(own)).forEach(order::add);
            List<Map<String, Object>> lines = new ArrayList<>();
            long total = 0;
            for (String v : order) {
                long q = Math.min(need - total, free.getOrDefault(v, 0L));
                if (q > 0) {
                    lines.add(Map.of("vintage", v, "quantityT", q));
                    total += q;
                }
            }
            if (lines.isEmpty()) {
                surrendered.put(e.uscc, 0L);
                return;
            }
            Map<String, Object> body = Map.of("uscc", e.uscc, "complianceYear", a.year(), "lines", lines);
            if (s.expect(http.post("/api/surrender/surrenders", who, body, s.key("surrender-" + cycle + "-" + e.uscc)),
                    "surrender of " + e.uscc + " for " + a.year(), 201)) {
                surrendered.put(e.uscc, total);
            }
        });
        long complete = years.stream().filter(a -> surrendered.getOrDefault(a.entity().uscc, 0L) >= a.figures().obligationT)
                .count();
        s.current().note = complete + " of " + years.size() + " surrender their whole " + cycle + " obligation";
    }

    /** Waits until the ledger's issuance of the vintages has grown by what the years issue, net of deductions. */
    void awaitIssuance(Map<String, Long> want) {
        s.awaitIssuance(List.copyOf(want.keySet()), want);
    }

    static JsonNode year(JsonNode compliance, int year) {
        for (JsonNode y : compliance.path("years")) {
            if (y.path("complianceYear").asInt() == year) {
                return y;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
