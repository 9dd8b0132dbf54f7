package cn.carbon.bench.season.run;

import cn.carbon.bench.season.data.DataSet;
import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Year;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What must hold at the end of the season, checked through the API against the data set's own recomputation: the
 * ledger's reconciliation and its issuance per vintage, every entity's final status per year (and at the deadline),
 * obligations, offsets and borrowing, certificates, the official issuance summary, the counts per province, the
 * exchange's feeds and the provinces' weekly reports.
 */
final class SeasonChecks {

    private final Season s;
    private final DataSet ds;
    private final Http http;
    private final String cycle;

    SeasonChecks(Season s) {
        this.s = s;
        this.ds = s.dataSet();
        this.http = s.http();
        this.cycle = s.cycle();
    }

    void run() {
        reconciliation();
        Map<String, JsonNode> compliance = entities();
        certificates(compliance);
        provinceCounts();
        issuanceSummary();
        feeds();
        weeklyReports();
    }

    private void reconciliation() {
        Check c = new Check("ledger reconciliation: every invariant");
        Check issued = new Check("ledger issuance per vintage = data set");
        Http.Reply r = http.get("/api/surrender/ledger/reconciliation", s.registryPrincipal());
        invariants(c, r);
        if (r.ok()) {
            JsonNode j = r.json();
            for (JsonNode v : j.path("vintages")) {
                String code = v.path("vintage").asText();
                if (!ds.issuedByVintage.containsKey(code)) {
                    continue;
                }
                long delta = v.path("issuedT").asLong() - s.issuedBaseline().getOrDefault(code, 0L);
                long expected = ds.issuedByVintage.get(code);
                issued.item(delta == expected, code + ": ledger issued " + delta + " t in this run, data set " + expected + " t");
            }
            c.note = j.path("vintages").size() + " vintages, " + j.path("invariants").size() + " invariants";
        }
        s.add(c);
        s.add(issued);
    }

    /** The ledger reconciliation's verdict and each of its invariants, as items of {@code c}. */
    static void invariants(Check c, Http.Reply r) {
        if (!r.ok()) {
            c.item(false, r.brief());
            return;
        }
        c.item(r.json().path("passed").asBoolean(), "passed=false");
        for (JsonNode inv : r.json().path("invariants")) {
            c.item(inv.path("passed").asBoolean(), inv.path("name").asText() + " violated "
                    + inv.path("violations").asLong() + " times");
        }
    }

    /** Every entity-year: status now and at the deadline, obligation, offset, borrowing, completion, certificate. */
    private Map<String, JsonNode> entities() {
        Check status = new Check("final status of every entity-year");
        Check atDeadline = new Check("status at the deadline of every entity-year");
        Check figures = new Check("obligation, offset, borrowed per entity-year");
        Check certificate = new Check("certificate exactly for every complied year");
        Map<String, JsonNode> answers = new ConcurrentHashMap<>();
        s.forEachEntity(e -> {
            Http.Reply r = http.get("/api/surrender/compliance/" + e.uscc + "?cycle=" + cycle, s.entityPrincipal(e));
            if (!r.ok()) {
                status.item(false, e.uscc + ": " + r.brief());
                return;
            }
            answers.put(e.uscc, r.json());
            Map<Integer, JsonNode> years = new HashMap<>();
            r.json().path("years").forEach(y -> years.put(y.path("complianceYear").asInt(), y));
            for (Year y : e.years.values()) {
                JsonNode got = years.get(y.year);
                String who = e.uscc + " " + y.year + " (" + e.plan + ", " + e.status + ")";
                if (got == null) {
                    status.item(false, who + ": no year in the answer");
                    continue;
                }
                status.item(y.expectedStatus.equals(got.path("status").asText()),
                        who + ": " + got.path("status").asText() + ", expected " + y.expectedStatus + " (remaining "
                                + got.path("remainingT") + ", shortfall " + got.path("shortfallT") + ")");
                atDeadline.item(y.expectedAtDeadline.equals(got.path("statusAtDeadline").asText()),
                        who + ": at the deadline " + got.path("statusAtDeadline").asText() + ", expected " + y.expectedAtDeadline);
                if (!y.exempt) {
                    long obligation = got.path("obligationT").asLong(-1) + got.path("obligationAddedT").asLong(0);
                    figures.item(obligation == y.obligationT && got.path("offsetT").asLong() == y.offsetT
                                    && got.path("borrowedT").asLong() == y.borrowedT,
                            who + ": obligation " + obligation + "/" + y.obligationT + ", offset " + got.path("offsetT")
                                    + "/" + y.offsetT + ", borrowed " + got.path("borrowedT") + "/" + y.borrowedT);
                }
                boolean complied = y.expectedStatus.startsWith("COMPLIANT");
                boolean hasCertificate = got.path("certificateId").isTextual();
                certificate.item(complied == hasCertificate, who + ": certificate " + got.path("certificateId"));
            }
        });
        status.note = expectedCounts();
        s.add(status);
        s.add(atDeadline);
        s.add(figures);
        s.add(certificate);
        return answers;
    }

    private String expectedCounts() {
        Map<String, Integer> n = new TreeMap<>();
        ds.entities.forEach(e -> e.years.values().forEach(y -> n.merge(y.expectedStatus, 1, Integer::sum)));
        return n.toString();
    }

    /** A sample of certificates verified on the public path (no token). */
    private void certificates(Map<String, JsonNode> answers) {
        Check c = new Check("certificates genuine (public verification)");
        List<String> ids = new ArrayList<>();
        answers.values().forEach(a -> a.path("years").forEach(y -> {
            if (y.path("certificateId").isTextual()) {
                ids.add(y.path("certificateId").asText());
            }
        }));
        Collections.sort(ids);
        int step = Math.max(1, ids.size() / 40);
        for (int i = 0; i < ids.size(); i += step) {
            Http.Reply r = http.get("/api/surrender/certificates/" + ids.get(i) + "/verification", null);
            // GENUINE, or REVOKED for a year reopened later: issued by the registry as kept either way (never UNKNOWN)
            String verdict = r.ok() ? r.json().path("verdict").asText() : "";
            c.item(verdict.equals("GENUINE") || verdict.equals("REVOKED"), ids.get(i) + ": " + r.brief());
        }
        c.note = ids.size() + " certificates issued";
        s.add(c);
    }

    /** The per-province list (the 95 % view) holds exactly the run's entity-years with the expected statuses. */
    private void provinceCounts() {
        Check c = new Check("counts per province and status = data set");
        Map<String, Entity> mine = s.index();
        Map<String, Map<String, Integer>> expected = new TreeMap<>();
        ds.entities.forEach(e -> e.years.values().forEach(y -> expected.computeIfAbsent(e.provinceCode, p -> new TreeMap<>())
                .merge(y.year + " " + y.expectedStatus, 1, Integer::sum)));
        s.pool().each(expected.keySet(), s.current(), p -> {
            Map<String, Integer> got = new TreeMap<>();
            for (int page = 0; ; page++) {
                Http.Reply r = http.get("/api/surrender/compliance?cycle=" + cycle + "&province=" + p + "&size=500&page=" + page,
                        s.officerOf(p));
                if (!r.ok()) {
                    c.item(false, p + ": " + r.brief());
                    return;
                }
                JsonNode items = r.json().path("items");
                items.forEach(i -> {
                    if (mine.containsKey(i.path("uscc").asText())) {
                        got.merge(i.path("complianceYear").asInt() + " " + i.path("status").asText(), 1, Integer::sum);
                    }
                });
                if (items.size() < 500) {
                    break;
                }
            }
            c.item(got.equals(expected.get(p)), p + ": " + got + ", expected " + expected.get(p));
        });
        s.add(c);
    }

    /** 核定配额实际发放汇总表: pre-allocated, verified, relief, issued, obligation and borrowed per entity and year. */
    private void issuanceSummary() {
        Check c = new Check("issuance summary table = recomputed allocation");
        Map<String, Entity> mine = s.index();
        Map<String, List<String>> provinces = new TreeMap<>();
        ds.entities.forEach(e -> provinces.computeIfAbsent(e.provinceCode, p -> new ArrayList<>()).add(e.uscc));
        String borrowedColumn = "borrowed_" + s.rulebook().borrowingVintage();
        s.pool().each(provinces.keySet(), s.current(), p -> {
            int seen = 0;
            for (int page = 0; ; page++) {
                Http.Reply r = http.get("/api/allocation/cycles/" + cycle + "/tables/issuance-summary?province=" + p
                        + "&size=500&page=" + page, s.registryPrincipal());
                if (!r.ok()) {
                    c.item(false, p + ": " + r.brief());
                    return;
                }
                JsonNode rows = r.json().has("items") ? r.json().path("items") : r.json().path("rows");
                for (JsonNode row : rows) {
                    Entity e = mine.get(row.path("uscc").asText());
                    if (e == null) {
                        continue;
                    }
                    seen++;
                    List<String> diffs = new ArrayList<>();
                    for (Year y : e.years.values()) {
                        // a status set after the pre-allocation: the table may show what that run issued (then
                        // clawed back) or nothing; the balances are checked per account and vintage elsewhere
                        if (y.preIssuedT == y.preAllocatedT || !preAllocated(row, y.year, y.preIssuedT)) {
                            compare(diffs, row, "pre_allocated_" + y.year, y.preAllocatedT);
                        }
                        compare(diffs, row, "verified_" + y.year, y.verifiedT);
                        compare(diffs, row, "relief_" + y.year, y.gasReliefT + y.floorReliefT);
                        compare(diffs, row, "issued_" + y.year, y.issuedT);
                        compare(diffs, row, "obligation_" + y.year, y.obligationT);
                    }
                    compare(diffs, row, borrowedColumn, e.borrowedTotal());
                    if (!Objects.equals(row.path("status").asText(), e.status)) {
                        diffs.add("status " + row.path("status").asText() + "/" + e.status);
                    }
                    c.item(diffs.isEmpty(), e.uscc + " (" + e.status + "): " + String.join(", ", diffs));
                }
                if (rows.size() < 500) {
                    break;
                }
            }
            if (seen != provinces.get(p).size()) {
                c.item(false, p + ": " + seen + " of the run's " + provinces.get(p).size() + " entities in the table");
            }
        });
        s.add(c);
    }

    private static boolean preAllocated(JsonNode row, int year, long issued) {
        List<String> none = new ArrayList<>();
        compare(none, row, "pre_allocated_" + year, issued);
        return none.isEmpty();
    }

    private static void compare(List<String> diffs, JsonNode row, String column, long expected) {
        JsonNode v = row.path(column);
        long got = v.isNumber() ? v.asLong() : v.isTextual() && !v.asText().isBlank() ? Long.parseLong(v.asText()) : 0;
        if (got != expected) {
            diffs.add(column + " " + (v.isMissingNode() ? "missing" : got) + "/" + expected);
        }
    }

    private void feeds() {
        Check c = new Check("weekly net-purchase feeds accepted");
        ds.feeds.keySet().forEach(w -> c.item(s.feedsAccepted().containsKey(w.toString()), "feed of " + w + " not accepted"));
        c.note = ds.feeds.size() + " weeks";
        s.add(c);
    }

    /** The provinces' report of the last final-month week the exchange reported: bought and sold per entity. */
    private void weeklyReports() {
        Check c = new Check("weekly provincial reports = trades of the week");
        LocalDate week = ds.feeds.keySet().stream().filter(w -> !w.plusDays(6).isBefore(LocalDate.of(2023, 12, 1)))
                .reduce((a, b) -> b).orElse(null);
        if (week == null) {
            c.skipped = true;
            c.note = "no trades in the final month";
            s.add(c);
            return;
        }
        Map<String, Entity> mine = s.index();
        Map<String, Map<String, long[]>> expected = new TreeMap<>();
        ds.feeds.get(week).forEach(r -> expected.computeIfAbsent(mine.get(r.uscc()).provinceCode, p -> new TreeMap<>())
                .put(r.uscc(), new long[]{r.boughtT(), r.soldT()}));
        s.pool().each(expected.keySet(), s.current(), p -> {
            Http.Reply r = http.get("/api/risk/provinces/" + p + "/weekly-reports?week=" + week, s.officerOf(p));
            if (!r.ok()) {
                c.item(false, p + " week " + week + ": " + r.brief());
                return;
            }
            Map<String, long[]> got = new HashMap<>();
            r.json().path("rows").forEach(row -> got.put(row.path("uscc").asText(),
                    new long[]{row.path("boughtT").asLong(), row.path("soldT").asLong()}));
            expected.get(p).forEach((uscc, q) -> {
                long[] g = got.get(uscc);
                c.item(g != null && g[0] == q[0] && g[1] == q[1], p + " " + uscc + ": " + (g == null ? "missing"
                        : g[0] + "/" + g[1]) + ", expected " + q[0] + "/" + q[1]);
            });
        });
        c.note = "week of " + week;
        s.add(c);
    }
}
