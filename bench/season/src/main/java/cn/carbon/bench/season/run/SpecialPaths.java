package cn.carbon.bench.season.run;

import cn.carbon.bench.season.data.DataSet;
import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Year;
import cn.carbon.bench.season.data.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runner's steps for issue 12's allocation-stage paths: special statuses set after the pre-allocation, the
 * verification per province (naming the entity-years without verified data, which the province then declares without
 * emissions), one province verified after the issuance deadline with a late reason, the allocation tables, the
 * compliance notices (the province sends them to special entities, the registry to the others), and the ledger's
 * balances per account and vintage once everything is issued.
 */
final class SpecialPaths {

    static final String LATE_REASON = "核查机构更换导致核查延迟 (verification body replaced: verification delayed)";
    static final String NO_EMISSIONS_REASON = "机组已于2021年底关停拆除，2022年无排放 (units retired end of 2021: no emissions in 2022)";

    private final Season s;
    private final DataSet ds;
    private final Rulebook rb;
    private final Http http;
    private final String cycle;

    SpecialPaths(Season s) {
        this.s = s;
        this.ds = s.dataSet();
        this.rb = s.rulebook();
        this.http = s.http();
        this.cycle = s.cycle();
    }

    /** Between the pre-allocation and the verification: the statuses the notice's special list brings late. */
    void statusesAfterPreAllocation() {
        List<Entity> late = ds.entities.stream().filter(e -> e.statusAfterPreAllocation).toList();
        s.pool().each(late, s.current(), e -> s.putStatus(e));
        s.current().note = late.size() + " special statuses set after the pre-allocation";
    }

    /** Every province but the late one, each its own run, by its officer. */
    void verificationOnTime() {
        Set<String> provinces = new TreeSet<>();
        ds.entities.forEach(e -> provinces.add(e.provinceCode));
        provinces.remove(ds.lateVerificationProvince);
        long t0 = System.nanoTime();
        verify(provinces, null);
        long t1 = System.nanoTime();
        s.awaitIssuance(List.of(rb.allocationVintage(2021), rb.allocationVintage(2022)),
                cn.carbon.bench.season.data.Consequences.issuedBeforeLateVerification(ds, rb));
        long t2 = System.nanoTime();
        s.awaitObligations(provinces);
        // where the phase's time goes: the runs in allocation-service, or the ledger and the obligations after them
        s.current().note += String.format(java.util.Locale.ROOT, "; runs %.1f s, then issuance in the ledger %.1f s,"
                + " obligations %.1f s", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
    }

    /**
     * The late province after the issuance deadline: refused without a late reason (422, nothing runs), then run with
     * one; its tables likewise. The ledger then holds the whole season's issuance.
     */
    void verificationLate() {
        String p = ds.lateVerificationProvince;
        Check refused = new Check("a run after its deadline needs a late reason (422)");
        Http.Reply r = http.post(runPath("verification", p, null), s.officerOf(p), null, s.key("verification-nolate-" + p));
        refused.item(r.status() == 422, "verification of " + p + " after the deadline without a late reason → " + r.brief());
        Http.Reply t = http.post(tablesPath(p, null), s.officerOf(p), Map.of(), s.key("tables-nolate-" + p));
        refused.item(t.status() == 422, "tables of " + p + " after the deadline without a late reason → " + t.brief());
        s.add(refused);
        verify(Set.of(p), LATE_REASON);
        s.awaitIssuance(List.of(rb.allocationVintage(2021), rb.allocationVintage(2022)), ds.issuedByVintage);
        s.awaitObligations(Set.of(p));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lateReason", LATE_REASON);
        s.expect(http.post(tablesPath(p, null), s.officerOf(p), body, s.key("tables-" + p)), "late tables of " + p, 201, 200);
        sendNotices(e -> e.provinceCode.equals(p), LATE_REASON);
    }

    /** The two allocation tables of every province verified on time, before 08-04. */
    void tablesOnTime() {
        Set<String> provinces = new TreeSet<>();
        ds.entities.forEach(e -> provinces.add(e.provinceCode));
        provinces.remove(ds.lateVerificationProvince);
        s.pool().each(provinces, s.current(), p -> s.expect(http.post(tablesPath(p, null), s.officerOf(p), Map.of(),
                s.key("tables-" + p)), "tables of " + p, 201, 200));
    }

    /**
     * Notice §一: the province sends the compliance notice to its special entities, the registry to the others; each
     * entity acknowledges it. Every entity that takes part in compliance gets one (the issuance deadline is met only
     * then); the late province's follow its late verification, with the same late reason.
     */
    void complianceNotices() {
        sendNotices(e -> !e.provinceCode.equals(ds.lateVerificationProvince), null);
    }

    private void sendNotices(java.util.function.Predicate<Entity> which, String lateReason) {
        List<Entity> all = ds.entities.stream().filter(e -> !"DISSOLVED".equals(e.status)).filter(which).toList();
        long special = all.stream().filter(e -> !"OPERATING".equals(e.status)).count();
        Map<String, Object> body = new LinkedHashMap<>();
        if (lateReason != null) {
            body.put("lateReason", lateReason);
        }
        s.pool().each(all, s.current(), e -> {
            boolean bySpecial = !"OPERATING".equals(e.status);
            String base = "/api/allocation/cycles/" + cycle + "/entities/" + e.uscc + "/compliance-notice";
            if (s.expect(http.post(base + "/send", bySpecial ? s.officerOf(e) : s.registryPrincipal(), body,
                    s.key("notice-" + e.uscc)), "compliance notice to " + e.uscc, 200, 201)) {
                s.expect(http.post(base + "/acknowledge", s.entityPrincipal(e), Map.of(), s.key("notice-ack-" + e.uscc)),
                        "acknowledgement by " + e.uscc, 200, 201);
            }
        });
        s.current().note += (s.current().note.isEmpty() ? "" : "; ") + special + " notices sent by provinces, "
                + (all.size() - special) + " by the registry" + (lateReason == null ? "" : " (late)");
    }

    private void verify(Set<String> provinces, String lateReason) {
        Check named = new Check(lateReason == null ? "verification names the entity-years without verified data"
                : "late verification names the entity-years without verified data");
        Map<String, Set<String>> open = new ConcurrentHashMap<>();
        s.pool().each(provinces, s.current(), p -> {
            Set<String> expected = new TreeSet<>();
            ds.entities.stream().filter(e -> e.provinceCode.equals(p) && e.years.values().stream().anyMatch(y -> y.noEmissions))
                    .forEach(e -> expected.add(e.uscc));
            JsonNode job = runJob("verification", p, lateReason);
            if (job == null) {
                return;
            }
            String status = job.path("status").asText();
            Set<String> got = new TreeSet<>();
            ApiFields.array(job, ApiFields.JOB_ERRORS).forEach(err -> got.add(ApiFields.text(err, ApiFields.ERROR_USCC)));
            String want = expected.isEmpty() ? "SUCCEEDED" : "COMPLETED_WITH_ERRORS";
            named.item(want.equals(status) && got.equals(expected),
                    p + ": job " + status + " naming " + got + ", expected " + want + " naming " + expected + " " + job.path("message"));
            if (!want.equals(status)) {
                s.current().fail("verification of " + p + " ended " + status + ": " + job.path("errors"));
            } else {
                s.current().ok();
            }
            open.put(p, expected);
        });
        s.add(named);
        List<Entity> declare = new ArrayList<>();
        open.values().forEach(u -> u.forEach(uscc -> declare.add(ds.entity(uscc))));
        s.pool().each(declare, s.current(), e -> {
            for (Year y : e.years.values()) {
                if (y.noEmissions) {
                    Http.Reply r = http.post("/api/allocation/cycles/" + cycle + "/entities/" + e.uscc + "/years/" + y.year
                            + "/no-emissions", s.officerOf(e), Map.of("reason", NO_EMISSIONS_REASON),
                            s.key("no-emissions-" + e.uscc + "-" + y.year));
                    s.expect(r, "no-emissions declaration of " + e.uscc + " " + y.year, 200, 201);
                }
            }
        });
        s.current().note += (s.current().note.isEmpty() ? "" : "; ") + provinces.size() + " provincial runs"
                + (lateReason == null ? "" : " (late)") + ", " + declare.size() + " declared without emissions";
    }

    /** Queues a run for one province and waits until it finished; null (and a failure) when it could not run. */
    private JsonNode runJob(String kind, String province, String lateReason) {
        Http.Principal officer = s.officerOf(province);
        Http.Reply r = http.post(runPath(kind, province, lateReason), officer, null,
                s.key(kind + "-" + province + (lateReason == null ? "" : "-late")));
        if (r.status() != 202 && r.status() != 200) {
            s.current().fail(kind + " of " + province + ": " + r.brief());
            return null;
        }
        return s.awaitJob(r.json(), officer);
    }

    private String runPath(String kind, String province, String lateReason) {
        return "/api/allocation/cycles/" + cycle + "/" + kind + "?province=" + province
                + (lateReason == null ? "" : "&lateReason=" + URLEncoder.encode(lateReason, StandardCharsets.UTF_8));
    }

    private String tablesPath(String province, String lateReason) {
        return "/api/allocation/cycles/" + cycle + "/table-submissions?province=" + province
                + (lateReason == null ? "" : "&lateReason=" + URLEncoder.encode(lateReason, StandardCharsets.UTF_8));
    }

    /**
     * Once every province is verified and before any trade: each special, retired and late-province entity's account
     * and custody hold per vintage exactly what the status rule gives, whenever the status was set (and a sample of
     * the others).
     */
    void balancesAfterIssuance() {
        Check c = new Check("ledger per account and vintage after issuance = status rule");
        List<Entity> watched = new ArrayList<>();
        for (Entity e : ds.entities) {
            boolean special = !"OPERATING".equals(e.status) && !"DISSOLVED".equals(e.status);
            boolean retired = e.years.values().stream().anyMatch(y -> y.noEmissions);
            if (special || retired || e.provinceCode.equals(ds.lateVerificationProvince) || e.index % 97 == 0) {
                watched.add(e);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(s.args().integer("propagation-seconds", 300)).toNanos();
        s.pool().each(watched, s.current(), e -> {
            String diff = "";
            do {
                Http.Reply a = http.get("/api/surrender/accounts/" + e.uscc, s.registryPrincipal());
                diff = a.ok() ? balanceDiff(e, a.json(), rb) : a.brief();
                if (diff.isEmpty()) {
                    break;
                }
                Http.sleep(1_000);
            } while (System.nanoTime() < deadline);
            c.item(diff.isEmpty(), e.uscc + " (" + e.status + (e.statusAfterPreAllocation ? ", set after pre-allocation" : "")
                    + "): " + diff);
        });
        c.note = watched.size() + " accounts";
        s.add(c);
    }

    /** Differences of the allocation vintages between the account's answer and the data set ("" when none). */
    static String balanceDiff(Entity e, JsonNode account, Rulebook rb) {
        Map<String, Long> holding = free(account.path("holdings"));
        Map<String, Long> custody = free(account.path("custody"));
        List<String> diffs = new ArrayList<>();
        for (Year y : e.years.values()) {
            String v = rb.allocationVintage(y.year);
            if (holding.getOrDefault(v, 0L) != y.accountT) {
                diffs.add("account " + v + " " + holding.getOrDefault(v, 0L) + "/" + y.accountT);
            }
            if (custody.getOrDefault(v, 0L) != y.custodyT) {
                diffs.add("custody " + v + " " + custody.getOrDefault(v, 0L) + "/" + y.custodyT);
            }
        }
        return String.join(", ", diffs);
    }

    static Map<String, Long> free(JsonNode balances) {
        Map<String, Long> m = new TreeMap<>();
        balances.forEach(b -> m.merge(b.path("vintage").asText(), b.path("freeT").asLong(), Long::sum));
        return m;
    }
}
