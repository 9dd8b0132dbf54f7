package cn.carbon.bench.season.run;

import cn.carbon.bench.season.data.DataSet;
import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.NextYears;
import cn.carbon.bench.season.data.NextYears.AnnualYear;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checks of the years after 2021-2022 against the season's own reading of the rulebooks: each 2023 power
 * allocation (gross generation, no heat-supply factor, the floor, gas units, the bridge deductions), each 2024
 * industry allocation (= verified emissions), each annual compliance, and every entity's carry-over cap
 * (配额结转上限) recomputed from the trades the season settled, against what its account holds.
 */
final class NextYearChecks {

    private final Season s;
    private final NextYears next;
    private final NextYearSteps steps;
    private final Http http;

    NextYearChecks(Season s, NextYears next, NextYearSteps steps) {
        this.s = s;
        this.next = next;
        this.steps = steps;
        this.http = s.http();
    }

    void run() {
        allocations("2023 power allocation = recomputed (generation, floor, gas, bridge)", steps.cycle2023(), next.power,
                true);
        allocations("2024 industry allocation = verified emissions", steps.cycle2024(), next.industry, false);
        compliance("2023 power compliance, certificate, public report", steps.cycle2023(), next.power);
        compliance("2024 industry compliance, certificate, public report", steps.cycle2024(), next.industry);
        carryOverCaps();
        reconciliation();
    }

    private void allocations(String name, String cycle, List<AnnualYear> years, boolean generationBasis) {
        Check c = new Check(name);
        AtomicLong deducted = new AtomicLong();
        s.pool().each(years, s.current(), a -> {
            Entity e = a.entity();
            Http.Reply r = http.get("/api/allocation/cycles/" + cycle + "/entities/" + e.uscc + "/allocation",
                    s.entityPrincipal(e));
            if (!r.ok()) {
                c.item(false, e.uscc + ": " + r.brief());
                return;
            }
            JsonNode y = null;
            for (JsonNode candidate : r.json().path("years")) {
                if (candidate.path("year").asInt() == a.year()) {
                    y = candidate;
                }
            }
            if (y == null) {
                c.item(false, e.uscc + ": no year " + a.year() + " in " + cycle);
                return;
            }
            JsonNode v = y.path("verification");
            DataSet.Year want = a.figures();
            List<String> d = new ArrayList<>();
            compare(d, v, "verifiedEmissionsT", want.emissionsT);
            compare(d, v, "verifiedAllocationT", want.verifiedT);
            compare(d, v, "gasReliefT", want.gasReliefT);
            compare(d, v, "floorReliefT", want.floorReliefT);
            compare(d, v, "issuedT", want.issuedT);
            compare(d, v, "obligationT", want.obligationT);
            compare(d, v, "owedFromEarlierCyclesT", a.owedT());
            compare(d, v, "deductedT", a.deductedT());
            compare(d, y, "issuedT", a.netIssuedT());
            if (v.path("issuanceWithheld").asBoolean()) {
                d.add("still withheld");
            }
            if (generationBasis) {
                for (JsonNode u : y.path("units")) {
                    if (!"GROSS_GENERATION".equals(u.path("verification").path("outputBasis").asText())) {
                        d.add(u.path("unitId").asText() + " on " + u.path("verification").path("outputBasis").asText());
                    }
                }
            }
            deducted.addAndGet(v.path("deductedT").asLong());
            c.item(d.isEmpty(), e.uscc + ": " + d);
        });
        c.note = years.size() + " entity-years, " + String.format("%,d", deducted.get()) + " t deducted for earlier cycles";
        s.add(c);
    }

    private void compliance(String name, String cycle, List<AnnualYear> years) {
        Check c = new Check(name);
        Map<String, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        s.pool().each(years, s.current(), a -> {
            Entity e = a.entity();
            Http.Reply r = http.get("/api/surrender/compliance/" + e.uscc + "?cycle=" + cycle, s.entityPrincipal(e));
            if (!r.ok()) {
                c.item(false, e.uscc + ": " + r.brief());
                return;
            }
            JsonNode y = NextYearSteps.year(r.json(), a.year());
            long surrendered = steps.surrendered.getOrDefault(e.uscc, 0L);
            String status = surrendered >= a.figures().obligationT ? "COMPLIANT" : "OVERDUE";
            List<String> d = new ArrayList<>();
            compare(d, y, "obligationT", a.figures().obligationT);
            compare(d, y, "surrenderedT", surrendered);
            if (!status.equals(y.path("status").asText())) {
                d.add("status " + y.path("status").asText() + ", expected " + status);
            }
            // each annual year its own certificate, and its line in the public report (年度履约情况公开表)
            boolean certified = y.path("certificateId").isTextual() && !y.path("certificateId").asText().isBlank();
            if (certified != status.equals("COMPLIANT")) {
                d.add("certificate " + y.path("certificateId"));
            }
            Http.Reply pub = http.get("/api/surrender/public/compliance-report?cycle=" + cycle + "&year=" + a.year()
                    + "&q=" + e.uscc, null);
            String code = status.equals("COMPLIANT") ? "ON_TIME" : "NOT_COMPLIED";
            JsonNode line = pub.ok() ? pub.json().path("items").path(0) : null;
            if (line == null || !e.uscc.equals(line.path("uscc").asText()) || !code.equals(line.path("code").asText())) {
                d.add("public report " + (line == null ? pub.brief() : line.path("uscc").asText() + " "
                        + line.path("code").asText()) + ", expected " + code);
            }
            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            c.item(d.isEmpty(), e.uscc + ": " + d);
        });
        c.note = statuses.toString();
        s.add(c);
    }

    /**
     * Every entity's carry-over cap under the 2024 rulebook: sold and bought from the season's settled trades of the
     * rule's vintages, cap = base + multiplier × max(0, net sales), holdings = the free units of those vintages in its
     * account (borrowed units never count), the excess above the cap flagged and left where it is.
     */
    private void carryOverCaps() {
        Check c = new Check("carry-over cap of every entity = recomputed");
        Set<String> vintages = Set.copyOf(next.year2024.carryOverVintages());
        Map<String, long[]> soldBought = new HashMap<>();
        s.dataSet().trades.stream().filter(t -> vintages.contains(t.vintage())).forEach(t -> {
            soldBought.computeIfAbsent(t.sellerUscc(), k -> new long[2])[0] += t.quantityT();
            soldBought.computeIfAbsent(t.buyerUscc(), k -> new long[2])[1] += t.quantityT();
        });
        List<Entity> all = new ArrayList<>(s.dataSet().entities);
        next.industry.forEach(a -> all.add(a.entity()));
        AtomicLong flagged = new AtomicLong();
        AtomicLong excess = new AtomicLong();
        s.pool().each(all, s.current(), e -> {
            Http.Reply cap = http.get("/api/surrender/cycles/" + steps.cycle2024() + "/entities/" + e.uscc
                    + "/carry-over-cap", s.registryPrincipal());
            Http.Reply account = http.get("/api/surrender/accounts/" + e.uscc, s.registryPrincipal());
            if (!cap.ok() || !account.ok()) {
                c.item(false, e.uscc + ": " + cap.brief() + " / " + account.brief());
                return;
            }
            long holdings = 0;
            for (JsonNode h : account.json().path("holdings")) {
                if (vintages.contains(h.path("vintage").asText())) {
                    holdings += h.path("freeT").asLong();
                }
            }
            long[] sb = soldBought.getOrDefault(e.uscc, new long[2]);
            long capT = next.carryOverCapT(sb[0] - sb[1]);
            long want = Math.max(0, holdings - capT);
            JsonNode got = cap.json().path("entities").path(0);
            List<String> d = new ArrayList<>();
            if (!cap.json().path("finalFigures").asBoolean()) {
                d.add("figures not final after the cut-off");
            }
            compare(d, got, "soldT", sb[0]);
            compare(d, got, "boughtT", sb[1]);
            compare(d, got, "capT", capT);
            compare(d, got, "holdingsT", holdings);
            compare(d, got, "excessT", want);
            if (got.path("flagged").asBoolean() != want > 0) {
                d.add("flagged " + got.path("flagged").asBoolean());
            }
            if (want > 0) {
                flagged.incrementAndGet();
                excess.addAndGet(want);
            }
            c.item(d.isEmpty(), e.uscc + ": " + d);
        });
        if (flagged.get() == 0) {
            c.item(false, "no entity holds more than its cap: the check proves nothing");
        }
        c.note = String.format("%d entities flagged, %,d t above their caps", flagged.get(), excess.get());
        s.add(c);
    }

    private void reconciliation() {
        Check c = new Check("ledger reconciliation after the next years");
        SeasonChecks.invariants(c, http.get("/api/surrender/ledger/reconciliation", s.registryPrincipal()));
        s.add(c);
    }

    private static void compare(List<String> diffs, JsonNode node, String field, long expected) {
        long got = node.path(field).asLong(Long.MIN_VALUE);
        if (got != expected) {
            diffs.add(field + " " + (node.path(field).isMissingNode() ? "missing" : got) + ", expected " + expected);
        }
    }
}
