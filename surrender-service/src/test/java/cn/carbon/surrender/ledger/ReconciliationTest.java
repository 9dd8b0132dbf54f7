package cn.carbon.surrender.ledger;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

/** The invariants, reported by the registry's endpoint and refused by the database whatever the code does. */
@QuarkusTest
class ReconciliationTest {

    static final String PATH = "/api/surrender/ledger/reconciliation";
    static final String VINTAGES = "/api/surrender/ledger/vintages";

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    @Test
    void everyInvariantHoldsAfterEveryKindOfTransaction() {
        String a = fixture.entity("350000");
        String b = fixture.entity("360000");
        long lastTxBefore = fixture.count("select coalesce(max(id), 0) from ledger_transaction");
        JsonPath before = given().auth().oauth2(Tokens.registry()).get(PATH).then().statusCode(200).extract().jsonPath();
        fixture.issue(a, 2021, "2021", 1000);
        fixture.issueToCustody(b, 2022, "2022", 500);
        fixture.obligation(a, 2021, 800);
        fixture.obligation(b, 2021, 100);
        fixture.obligation(b, 2022, 100);
        fixture.borrow(a, 2021, 100);
        fixture.offset(a, 2021, 50);
        given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON)
                .body(Map.of("tradeId", "R-" + a, "sellerUscc", a, "buyerUscc", b, "vintage", "2021", "quantityT", 300))
                .post("/api/surrender/settlements").then().statusCode(201);
        given().auth().oauth2(Tokens.entity(a)).contentType(ContentType.JSON)
                .body(Map.of("uscc", a, "complianceYear", 2021, "lines", List.of(Map.of("vintage", "2021", "quantityT", 650),
                        Map.of("vintage", "2023", "quantityT", 100))))
                .post("/api/surrender/surrenders").then().statusCode(201);
        String order = given().auth().oauth2(Tokens.province("360000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", b, "cycle", "2021-2022")).post("/api/surrender/forced-surrenders").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(Tokens.registry()).post("/api/surrender/forced-surrenders/" + order + "/execute").then()
                .statusCode(200);

        given().auth().oauth2(Tokens.registry()).get(PATH).then().statusCode(200)
                .body("passed", equalTo(true))
                .body("invariants.passed", everyItem(equalTo(true)))
                .body("invariants.name", hasItems("PER_VINTAGE_SUM_ZERO", "NO_NEGATIVE_BALANCE_OUTSIDE_ISSUANCE",
                        "BALANCES_EQUAL_LINES", "RESTRICTED_UNITS_NEVER_MOVE", "BORROWED_UNITS_ONLY_FOR_THEIR_YEAR",
                        "SURRENDERS_MATCH_COMPLIANCE_RECORDS", "OFFSETS_MATCH_COMPLIANCE_RECORDS",
                        "CLAW_BACK_ADDITIONS_MATCH_OBLIGATIONS", "NO_OUTFLOW_FROM_FROZEN_ACCOUNTS",
                        "EVERY_TRANSACTION_PUBLISHED"))
                .body("vintages.find { it.vintage == '2021' }.sumT", equalTo(0));
        JsonPath after = given().auth().oauth2(Tokens.registry()).get(PATH).then().statusCode(200).extract().jsonPath();
        long lastTxAfter = fixture.count("select coalesce(max(id), 0) from ledger_transaction");

        // the totals moved by exactly what this test posted (plus whatever another test's consumer posted meanwhile,
        // counted from the ledger by transaction id so that the check stays exact)
        assertThat(delta(before, after, "2021", "issuedT"))
                .isEqualTo(1000 - others("NATIONAL_ISSUANCE", "2021", lastTxBefore, lastTxAfter, a, b));
        assertThat(delta(before, after, "2022", "issuedT"))
                .isEqualTo(500 - others("NATIONAL_ISSUANCE", "2022", lastTxBefore, lastTxAfter, a, b));
        assertThat(delta(before, after, "2023", "issuedT")).as("the borrowing")
                .isEqualTo(100 - others("NATIONAL_ISSUANCE", "2023", lastTxBefore, lastTxAfter, a, b));
        assertThat(delta(before, after, "2023", "surrenderedT")).as("the borrowed units surrendered")
                .isEqualTo(100 + others("SURRENDER", "2023", lastTxBefore, lastTxAfter, a, b));
        assertThat(after.getLong("vintages.find { it.vintage == '2021' }.sumT")).isZero();

        // the totals alone are the report's: compared in a quiet moment (the same totals before and after the report),
        // since another test's consumer may post at any time
        for (int attempt = 1; ; attempt++) {
            List<Object> first = given().auth().oauth2(Tokens.registry()).get(VINTAGES).then().statusCode(200)
                    .extract().jsonPath().getList("");
            List<Object> reported = given().auth().oauth2(Tokens.registry()).get(PATH).then().statusCode(200)
                    .extract().jsonPath().getList("vintages");
            List<Object> then = given().auth().oauth2(Tokens.registry()).get(VINTAGES).then().statusCode(200)
                    .extract().jsonPath().getList("");
            if (first.equals(then) || attempt == 20) {
                assertThat(first).isNotEmpty().isEqualTo(then).isEqualTo(reported);
                break;
            }
        }
    }

    private static long delta(JsonPath before, JsonPath after, String vintage, String field) {
        String path = "vintages.find { it.vintage == '" + vintage + "' }." + field;
        Object was = before.get(path);
        return after.getLong(path) - (was == null ? 0 : ((Number) was).longValue());
    }

    /** The net movement into {@code kind} accounts of a vintage by transactions of other entities in the window. */
    private long others(String kind, String vintage, long fromTx, long toTx, String a, String b) {
        return fixture.count("select coalesce(sum(case when l.to_account_id = acc.id then l.quantity_t else -l.quantity_t end), 0) "
                + "from ledger_line l join ledger_transaction t on t.id = l.transaction_id "
                + "join account acc on acc.kind = ?1 and (l.to_account_id = acc.id or l.from_account_id = acc.id) "
                + "where l.vintage = ?2 and t.id > ?3 and t.id <= ?4 and t.uscc not in (?5, ?6)",
                kind, vintage, fromTx, toTx, a, b);
    }

    @Test
    void onlyTheRegistryReconciles() {
        BadTokens.assertAllRefused("GET", PATH, "registry");
        BadTokens.assertAllRefused("GET", VINTAGES, "registry");
        for (String token : List.of(Tokens.ministry(), Tokens.province("320000"), Tokens.exchange(),
                Tokens.entity("91320000T00000001X"))) {
            given().auth().oauth2(token).get(PATH).then().statusCode(403);
            given().auth().oauth2(token).get(VINTAGES).then().statusCode(403);
            given().auth().oauth2(token).get("/api/surrender/admin/clock").then().statusCode(403);
        }
        // the business clock the deadlines are judged by (moved by the tests)
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/admin/clock").then().statusCode(200)
                .body("adjustable", equalTo(true))
                .body("now", org.hamcrest.Matchers.startsWith("2023-"));
    }

    @Test
    void theDatabaseRefusesWhatTheLedgerNeverAllows() {
        String a = fixture.entity("350000");
        String b = fixture.entity("350000");
        fixture.issue(a, 2021, "2021", 10);
        fixture.borrow(a, 2021, 5);
        long holdingA = fixture.count("select id from account where kind = 'ENTITY_HOLDING' and uscc = ?1", a);
        long holdingB = fixture.count("select id from account where kind = 'ENTITY_HOLDING' and uscc = ?1", b);
        long surrender = fixture.count("select id from account where kind = 'SURRENDER'");
        String before = fixture.footprint(a) + fixture.footprint(b);

        // overdraw: the balance's check constraint
        assertThatThrownBy(() -> post(a, "SETTLEMENT", b, holdingA, holdingB, "2021", 11, false))
                .hasStackTraceContaining("balance");
        // free units the account does not hold: its 5 t of 2023 are borrowed ones
        assertThatThrownBy(() -> post(a, "SURRENDER", null, holdingA, surrender, "2023", 1, false))
                .hasStackTraceContaining("holds no units of vintage 2023");
        // units leaving the surrender account
        assertThatThrownBy(() -> post(a, "SETTLEMENT", b, surrender, holdingB, "2021", 1, false))
                .hasStackTraceContaining("never debited");
        // a balance written by hand, and history rewritten
        assertThatThrownBy(() -> fixture.sql("update balance set balance_t = 1000000 where account_id = ?1", holdingA))
                .hasStackTraceContaining("only by posting");
        // the service's runtime role may not even try; the owner (migrations, an operator) meets the trigger
        assertThatThrownBy(() -> fixture.sql("delete from ledger_line where from_account_id = ?1 or to_account_id = ?1", holdingA))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> fixture.sql("update ledger_transaction set posted_by = 'x' where uscc = ?1", a))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> asOwner("delete from ledger_line where from_account_id = " + holdingA
                + " or to_account_id = " + holdingA))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> asOwner("update ledger_transaction set posted_by = 'x' where uscc = '" + a + "'"))
                .hasStackTraceContaining("append-only");
        assertThat(fixture.footprint(a) + fixture.footprint(b)).isEqualTo(before);
    }

    /**
     * The restriction is the units' (V6): restricted units traded between entities, and a borrowing of free units, are
     * refused by the trigger whoever posts them, the service's runtime role or the database's owner.
     */
    @Test
    void theDatabaseKeepsBorrowedUnitsRestrictedWhoeverPosts() {
        String a = fixture.entity("350000");
        String b = fixture.entity("350000");
        fixture.borrow(a, 2021, 5);
        long holdingA = fixture.count("select id from account where kind = 'ENTITY_HOLDING' and uscc = ?1", a);
        long holdingB = fixture.count("select id from account where kind = 'ENTITY_HOLDING' and uscc = ?1", b);
        long issuance = fixture.count("select id from account where kind = 'NATIONAL_ISSUANCE'");
        assertThat(fixture.restricted(a, "2023")).isEqualTo(5);
        String before = fixture.footprint(a) + fixture.footprint(b);

        assertThatThrownBy(() -> post(a, "SETTLEMENT", b, holdingA, holdingB, "2023", 1, true))
                .hasStackTraceContaining("restricted (borrowed) units of vintage 2023 never move by SETTLEMENT");
        assertThatThrownBy(() -> postAsOwner(a, "SETTLEMENT", b, holdingA, holdingB, "2023", 1, true))
                .hasStackTraceContaining("restricted (borrowed) units of vintage 2023 never move by SETTLEMENT");
        assertThatThrownBy(() -> post(a, "BORROWING", null, issuance, holdingA, "2023", 1, false))
                .hasStackTraceContaining("borrowed units of vintage 2023 are restricted units");
        assertThatThrownBy(() -> postAsOwner(a, "BORROWING", null, issuance, holdingA, "2023", 1, false))
                .hasStackTraceContaining("borrowed units of vintage 2023 are restricted units");
        // a borrowing to another entity than the borrower, restricted or not
        assertThatThrownBy(() -> postAsOwner(a, "BORROWING", null, issuance, holdingB, "2023", 1, true))
                .hasStackTraceContaining("never move by BORROWING");

        assertThat(fixture.footprint(a) + fixture.footprint(b)).isEqualTo(before);
        assertThat(fixture.restricted(a, "2023")).isEqualTo(5);
        assertThat(fixture.free(b, "2023") + fixture.restricted(b, "2023")).isZero();
    }

    /** One transaction of one line, inserted as the database's owner (the migrations' role, an operator's). */
    private static void postAsOwner(String uscc, String kind, String counterparty, long from, long to, String vintage,
                                    long q, boolean restricted) throws java.sql.SQLException {
        try (java.sql.Connection c = cn.carbon.testing.PostgresResource.asOwner("surrender")) {
            c.setAutoCommit(false);
            try (var tx = c.prepareStatement("insert into ledger_transaction (reference, fingerprint, kind, uscc, "
                    + "counterparty_uscc, posted_at, posted_by, event_id) values (?, 'x', ?, ?, ?, now(), 'owner', "
                    + "gen_random_uuid()) returning id");
                 var line = c.prepareStatement("insert into ledger_line (transaction_id, line_no, from_account_id, "
                         + "to_account_id, vintage, quantity_t, restricted) values (?, 1, ?, ?, ?, ?, ?)")) {
                tx.setString(1, "raw:" + java.util.UUID.randomUUID());
                tx.setString(2, kind);
                tx.setString(3, uscc);
                tx.setString(4, counterparty);
                var rs = tx.executeQuery();
                rs.next();
                line.setLong(1, rs.getLong(1));
                line.setLong(2, from);
                line.setLong(3, to);
                line.setString(4, vintage);
                line.setLong(5, q);
                line.setBoolean(6, restricted);
                line.executeUpdate();
                c.commit();
            } finally {
                c.rollback();
            }
        }
    }

    private static void asOwner(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = cn.carbon.testing.PostgresResource.asOwner("surrender");
             java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private void post(String uscc, String kind, String counterparty, long from, long to, String vintage, long q,
                      boolean restricted) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            var em = io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get();
            long tx = ((Number) em.createNativeQuery("insert into ledger_transaction (reference, fingerprint, kind, uscc, "
                            + "counterparty_uscc, posted_at, posted_by, event_id) values (?1, 'x', ?2, ?3, ?4, now(), 'test', "
                            + "gen_random_uuid()) returning id")
                    .setParameter(1, "raw:" + java.util.UUID.randomUUID()).setParameter(2, kind).setParameter(3, uscc)
                    .setParameter(4, counterparty).getSingleResult()).longValue();
            em.createNativeQuery("insert into ledger_line (transaction_id, line_no, from_account_id, to_account_id, vintage, "
                            + "quantity_t, restricted) values (?1, 1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, tx).setParameter(2, from).setParameter(3, to).setParameter(4, vintage).setParameter(5, q)
                    .setParameter(6, restricted).executeUpdate();
        });
    }
}
