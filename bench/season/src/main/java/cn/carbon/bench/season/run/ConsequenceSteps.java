package cn.carbon.bench.season.run;

import cn.carbon.bench.season.data.Consequences;
import cn.carbon.bench.season.data.DataSet;
import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.Provinces;
import cn.carbon.bench.season.data.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's steps for issue 12's consequences: the registry freezes one account by a court order (two operators),
 * after which it can neither sell nor surrender of its own accord; after the deadline the province records a penalty
 * case (order to correct, fine within the rulebook's range) for an entity short at the deadline.
 */
final class ConsequenceSteps {

    static final String COURT_DOCUMENT = "（2023）京0105执保1234号 财产保全裁定 (asset preservation order)";

    private final Season s;
    private final DataSet ds;
    private final Rulebook rb;
    private final Http http;
    private final String cycle;

    ConsequenceSteps(Season s) {
        this.s = s;
        this.ds = s.dataSet();
        this.rb = s.rulebook();
        this.http = s.http();
        this.cycle = s.cycle();
    }

    static Optional<Entity> frozen(DataSet ds) {
        return ds.entities.stream().filter(e -> e.frozen).findFirst();
    }

    /**
     * Operator 1 asks for the freeze, operator 1 cannot approve it himself, operator 2 approves; then a sale from the
     * account is refused (409 account-frozen), a voluntary surrender too, and the balances are as before.
     */
    void freeze() {
        Check c = new Check("account freeze: four eyes, no sale, no voluntary surrender");
        Optional<Entity> found = frozen(ds);
        if (found.isEmpty()) {
            c.skipped = true;
            c.note = "no frozen entity in the data set";
            s.add(c);
            return;
        }
        Entity e = found.get();
        Http.Principal a = s.registryOperator(0);
        Http.Principal b = s.registryOperator(1);
        JsonNode before = http.get("/api/surrender/accounts/" + e.uscc, a).json();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", "JUDICIAL_FREEZE");
        body.put("courtDocument", COURT_DOCUMENT);
        Http.Reply asked = http.post("/api/surrender/accounts/" + e.uscc + "/freezes", a, body, s.key("freeze-" + e.uscc));
        if (!s.expect(asked, "freeze of " + e.uscc, 201, 200)) {
            c.item(false, "freeze of " + e.uscc + " → " + asked.brief());
            s.add(c);
            return;
        }
        String id = ApiFields.text(asked.json(), ApiFields.FREEZE_ID);
        Http.Reply self = http.post("/api/surrender/freezes/" + id + "/approve", a, Map.of(), s.key("freeze-self-" + id));
        c.item(self.status() == 403 || self.status() == 409 || self.status() == 422,
                "the requesting operator approved his own freeze → " + self.brief());
        s.expect(http.post("/api/surrender/freezes/" + id + "/approve", b, Map.of(), s.key("freeze-approve-" + id)),
                "approval of freeze " + id, 200, 201);
        boolean frozen = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!frozen && System.nanoTime() < deadline) {
            frozen = ApiFields.field(http.get("/api/surrender/accounts/" + e.uscc, s.entityPrincipal(e)).json(),
                    ApiFields.FROZEN).asBoolean();
            if (!frozen) {
                Http.sleep(500);
            }
        }
        c.item(frozen, e.uscc + ": the account does not show frozen");
        String vintage = rb.allocationVintage(rb.years().get(0));
        Entity buyer = ds.entities.stream().filter(x -> x.plan == DataSet.Plan.ON_TIME).findFirst().orElseThrow();
        Map<String, Object> sale = Map.of("tradeId", ds.run + "-TRADE-FROZEN", "sellerUscc", e.uscc, "buyerUscc",
                buyer.uscc, "vintage", vintage, "quantityT", 1);
        Http.Reply sold = http.post("/api/surrender/settlements", s.deskPrincipal(), sale, null);
        c.item(sold.status() == 409 && sold.body() != null && sold.body().contains(ApiFields.ACCOUNT_FROZEN_PROBLEM),
                "a sale from the frozen account → " + sold.brief());
        Map<String, Object> surrender = Map.of("uscc", e.uscc, "complianceYear", rb.years().get(0), "lines",
                List.of(Map.of("vintage", vintage, "quantityT", 1)));
        Http.Reply own = http.post("/api/surrender/surrenders", s.entityPrincipal(e), surrender, s.key("frozen-surrender-" + e.uscc));
        c.item((own.status() == 409 || own.status() == 422 || own.status() == 403) && own.body() != null
                        && own.body().toLowerCase(java.util.Locale.ROOT).contains("frozen"),
                "a voluntary surrender from the frozen account → " + own.brief());
        JsonNode after = http.get("/api/surrender/accounts/" + e.uscc, a).json();
        c.item(before.path("holdings").equals(after.path("holdings")) && before.path("custody").equals(after.path("custody")),
                "balances moved: " + before.path("holdings") + " → " + after.path("holdings"));
        c.note = e.uscc + " (" + e.provinceCode + ")";
        s.add(c);
    }

    /**
     * Issue 12 item 6: after its surrender, an offsetter applies for one more tonne of CCER for a year it no longer
     * owes anything for (room under the cap, units in the lot): refused, {@code offset-exceeds-remaining-obligation}.
     */
    void offsetBeyondObligation(LocalDate week) {
        Check c = new Check("an offset beyond the remaining obligation is refused");
        Optional<Consequences.OffsetProbe> probe = Consequences.offsetBeyondObligation(ds, week);
        if (probe.isEmpty()) {
            c.skipped = true;
            c.note = "no offsetter with units left and room under the cap";
            s.add(c);
            return;
        }
        Entity e = probe.get().entity();
        // offset-service learns of the surrender from carbon.compliance.v1: the probe waits until it has (a consumer
        // just restarted by a drill takes its partitions back only after the group rebalances, 25-70 s)
        String headroom = "/api/offsets/entities/" + e.uscc + "/headroom?cycle=" + cycle + "&complianceYear="
                + probe.get().complianceYear();
        long owedThere = -1;
        for (long until = System.nanoTime() + 180_000_000_000L; System.nanoTime() < until; Http.sleep(1_000)) {
            Http.Reply h = http.get(headroom, s.entityPrincipal(e));
            owedThere = h.ok() ? h.json().path("remainingObligationT").asLong(-1) : -1;
            if (owedThere == 0) {
                break;
            }
        }
        if (owedThere != 0) {
            c.item(false, e.uscc + " " + probe.get().complianceYear() + ": offset-service still shows " + owedThere
                    + " t owed 180 s after the surrender");
            s.add(c);
            return;
        }
        Map<String, Object> body = Map.of("uscc", e.uscc, "cycle", cycle, "complianceYear", probe.get().complianceYear(),
                "lots", List.of(Map.of("lotId", probe.get().lotId(), "quantityT", 1)));
        Http.Reply r = http.post("/api/offsets/applications", s.entityPrincipal(e), body,
                s.key("offset-beyond-" + e.uscc + "-" + probe.get().complianceYear()));
        c.item((r.status() == 422 || r.status() == 409) && r.body() != null && r.body().contains(ApiFields.OFFSET_EXCEEDS_PROBLEM),
                e.uscc + " " + probe.get().complianceYear() + ": 1 t more from " + probe.get().lotId() + " → " + r.brief());
        c.note = e.uscc + " " + probe.get().complianceYear();
        s.add(c);
    }

    /**
     * After the deadline, for the first entity short at it and never cured: the order to correct and the fine (the
     * middle of the rulebook's range); a fine outside the range and an order against an entity that complied are
     * refused.
     */
    void penaltyCase() {
        Check c = new Check("penalty case: order to correct and fine within the range");
        Optional<Entity> found = Consequences.penaltyCase(ds);
        Optional<long[]> range = rb.fineRangeCny();
        if (found.isEmpty() || range.isEmpty()) {
            c.item(false, found.isEmpty() ? "no entity short at the deadline in the data set" : "the rulebook has no fine range");
            s.add(c);
            return;
        }
        Entity e = found.get();
        String base = "/api/allocation/cycles/" + cycle + "/entities/" + e.uscc + "/penalty-case";
        String abbreviation = Provinces.byCode(e.provinceCode).name().substring(0, 1);
        LocalDate correctBy = LocalDate.of(2024, 3, 29);
        int year = e.years.values().stream().filter(y -> y.shortfallAtDeadlineT > 0 && "OVERDUE".equals(y.expectedStatus))
                .mapToInt(y -> y.year).min().orElseThrow();
        awaitShortfallOwed(e, year);
        Http.Reply order = http.post(base + "/correction-order", s.officerOf(e), Map.of("complianceYear", year,
                "deadline", correctBy.toString(), "documentNo", abbreviation + "环责改〔2024〕" + (e.index + 1) + "号"), s.key("correction-" + e.uscc));
        c.item(order.status() == 201 || order.status() == 200, "order to correct " + e.uscc + " → " + order.brief());
        long outside = range.get()[1] + 1;
        Http.Reply tooMuch = http.post(base + "/fine", s.officerOf(e), Map.of("complianceYear", year, "amountCny", outside,
                "documentNo", abbreviation + "环罚〔2024〕" + (e.index + 1) + "号"), s.key("fine-outside-" + e.uscc));
        c.item(tooMuch.status() == 422 || tooMuch.status() == 400, "a fine of " + outside + " CNY → " + tooMuch.brief());
        long amount = Consequences.fineCny(range.get());
        Http.Reply fine = http.post(base + "/fine", s.officerOf(e), Map.of("complianceYear", year, "amountCny", amount,
                "documentNo", abbreviation + "环罚〔2024〕" + (e.index + 1) + "号"), s.key("fine-" + e.uscc));
        c.item((fine.status() == 201 || fine.status() == 200)
                        && (!fine.json().has("amountCny") || fine.json().path("amountCny").asLong() == amount),
                "fine of " + amount + " CNY for " + e.uscc + " → " + fine.brief());
        Consequences.compliedOnTime(ds).ifPresent(ok -> {
            Http.Reply refused = http.post("/api/allocation/cycles/" + cycle + "/entities/" + ok.uscc
                            + "/penalty-case/correction-order", s.officerOf(ok), Map.of("complianceYear", 2021,
                            "deadline", correctBy.toString(), "documentNo", "环责改〔2024〕0号"), s.key("correction-refused-" + ok.uscc));
            c.item(refused.status() == 409 || refused.status() == 422,
                    "an order to correct " + ok.uscc + ", complied on time → " + refused.brief());
        });
        c.note = e.uscc + " (" + e.plan + "), fine " + amount + " CNY of " + range.get()[0] + "–" + range.get()[1];
        s.add(c);
    }

    /** The registry publishes the shortfall after the deadline and allocation-service applies it: wait for its line. */
    private void awaitShortfallOwed(Entity e, int year) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        String path = "/api/allocation/cycles/" + cycle + "/entities/" + e.uscc + "/carry-over";
        while (System.nanoTime() < until) {
            Http.Reply r = http.get(path, s.officerOf(e));
            if (r.ok()) {
                for (com.fasterxml.jackson.databind.JsonNode l : r.json().path(ApiFields.ENTITY_STATEMENT)
                        .path(ApiFields.ENTITY_LINES)) {
                    ApiFields.Line line = ApiFields.Line.ofEntity(l);
                    if (Consequences.SHORTFALL.equals(line.kind()) && line.year().equals(String.valueOf(year))
                            && ApiFields.OWED.equals(line.state())) {
                        return;
                    }
                }
            }
            Http.sleep(500);
        }
    }
}
