package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Court freezes (涉司法冻结): four eyes to freeze and to release; a frozen account sends nothing out but by force. */
@QuarkusTest
class FreezeResourceTest {

    static final String ACCOUNTS = "/api/surrender/accounts/";
    static final String FREEZES = "/api/surrender/freezes/";
    static final String PROBLEMS = "https://carbon.example/problems/";

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    static Map<String, Object> order(String document) {
        return Map.of("reason", "诉讼财产保全 / preservation of property in litigation", "courtDocument", document);
    }

    private Response request(String uscc, String document) {
        return given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(order(document))
                .post(ACCOUNTS + uscc + "/freezes");
    }

    /** Requested by one registry officer, approved by another: the account is frozen. */
    private String frozen(String uscc, String document) {
        String id = request(uscc, document).then().statusCode(201).body("status", equalTo("PENDING"))
                .body("effective", equalTo(false)).extract().path("id");
        given().auth().oauth2(Tokens.registryApprover()).post(FREEZES + id + "/approve").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("effective", equalTo(true));
        return id;
    }

    private Response settle(String seller, String buyer, String vintage, long quantity) {
        return given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON)
                .body(Map.of("tradeId", "T-" + UUID.randomUUID(), "sellerUscc", seller, "buyerUscc", buyer,
                        "vintage", vintage, "quantityT", quantity))
                .post("/api/surrender/settlements");
    }

    private Response surrender(String uscc, int year, String vintage, long quantity) {
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", year,
                        "lines", List.of(Map.of("vintage", vintage, "quantityT", quantity))))
                .post("/api/surrender/surrenders");
    }

    @Test
    void aPendingFreezeChangesNothingAndTheRequesterCannotApproveIt() {
        String uscc = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 1_000);
        String buyer = fixture.entity("320000");
        String id = request(uscc, "(2023)苏01民初1号").then().statusCode(201)
                .contentType(startsWith("application/json"))
                .body("requestedBy", equalTo("registry.officer")).body("approvedBy", nullValue())
                .body("courtDocument", equalTo("(2023)苏01民初1号")).extract().path("id");
        // four eyes: the requester is refused and nothing changes
        given().auth().oauth2(Tokens.registry()).post(FREEZES + id + "/approve").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(PROBLEMS + "four-eyes"));
        given().auth().oauth2(Tokens.registry()).get(FREEZES + id).then().statusCode(200)
                .body("status", equalTo("PENDING"));
        // not effective yet: the account still trades
        given().auth().oauth2(Tokens.entity(uscc)).get(ACCOUNTS + uscc).then().statusCode(200)
                .body("frozen", equalTo(false)).body("freeze", nullValue());
        settle(uscc, buyer, "2021", 100).then().statusCode(201);
        // the same court document cannot be recorded twice while it holds
        request(uscc, "(2023)苏01民初1号").then().statusCode(409).body("type", equalTo(PROBLEMS + "freeze-exists"));
    }

    @Test
    void aFrozenSellerCannotTradeOutAndBothBalancesStayAsTheyWere() {
        String seller = fixture.entity("320000");
        String buyer = fixture.entity("650000");
        fixture.issue(seller, 2021, "2021", 1_000);
        fixture.issue(buyer, 2021, "2021", 500);
        String id = frozen(seller, "(2023)苏01执保2号");
        String before = fixture.footprint(seller) + fixture.footprint(buyer);

        settle(seller, buyer, "2021", 400).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(PROBLEMS + "account-frozen"))
                .body("errors[0].field", equalTo("sellerUscc"))
                .body("detail", containsString("(2023)苏01执保2号"));
        assertThat(fixture.held(seller, "2021")).isEqualTo(1_000);
        assertThat(fixture.held(buyer, "2021")).isEqualTo(500);
        assertThat(fixture.footprint(seller) + fixture.footprint(buyer)).isEqualTo(before);

        // a court freeze blocks outflows only: the frozen account may still buy
        settle(buyer, seller, "2021", 200).then().statusCode(201);
        assertThat(fixture.held(seller, "2021")).isEqualTo(1_200);
        assertThat(fixture.held(buyer, "2021")).isEqualTo(300);

        // the entity sees why
        given().auth().oauth2(Tokens.entity(seller)).get(ACCOUNTS + seller).then().statusCode(200)
                .body("frozen", equalTo(true))
                .body("freeze.id", equalTo(id))
                .body("freeze.reason", startsWith("诉讼财产保全"))
                .body("freeze.courtDocument", equalTo("(2023)苏01执保2号"))
                .body("freeze.since", notNullValue())
                .body("freezes", hasSize(1));
    }

    @Test
    void aFrozenAccountCannotSurrenderVoluntarily() {
        String uscc = fixture.entity("320000");
        fixture.obligation(uscc, 2021, 1_000);
        fixture.issue(uscc, 2021, "2021", 1_000);
        frozen(uscc, "(2023)苏02民初3号");
        String before = fixture.footprint(uscc);
        surrender(uscc, 2021, "2021", 600).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(PROBLEMS + "account-frozen"))
                .body("errors[0].field", equalTo("uscc"));
        assertThat(fixture.held(uscc, "2021")).isEqualTo(1_000);
        assertThat(fixture.footprint(uscc)).isEqualTo(before);
    }

    private String forcedSurrender(String uscc, String province) {
        String order = given().auth().oauth2(Tokens.province(province)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "cycle", "2021-2022")).post("/api/surrender/forced-surrenders")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.registryApprover()).post("/api/surrender/forced-surrenders/" + order + "/execute")
                .then().statusCode(200).body("status", equalTo("EXECUTED"));
        return order;
    }

    private static Map<String, Object> line(String vintage, long quantity, String from) {
        return Map.of("vintage", vintage, "quantityT", (int) quantity, "fromAccount", from);
    }

    /** Notice §一 still applies: the province's forced surrender draws own-year vintage first, frozen or not. */
    @Test
    void aForcedSurrenderStillDrawsOnAFrozenEntityOwnYearVintageFirst() {
        String uscc = fixture.entity("420000");
        fixture.obligation(uscc, 2021, 1_000_000);
        fixture.obligation(uscc, 2022, 1_050_000);
        fixture.issueToCustody(uscc, 2021, "2021", 950_000);
        fixture.issueToCustody(uscc, 2022, "2022", 1_120_000);
        fixture.issue(uscc, 2021, "2019-2020", 30_000);
        frozen(uscc, "(2023)鄂01执4号");

        String order = forcedSurrender(uscc, "420000");
        given().auth().oauth2(Tokens.province("420000")).get("/api/surrender/forced-surrenders/" + order)
                .then().statusCode(200)
                .body("years[0].lines", equalTo(List.of(line("2021", 950_000, "CUSTODY"), line("2022", 50_000, "CUSTODY"))))
                .body("years[1].lines", equalTo(List.of(line("2022", 1_050_000, "CUSTODY"))))
                .body("released", equalTo(List.of(line("2022", 20_000, "CUSTODY"))));
        assertThat(fixture.balance(uscc, "PROVINCIAL_CUSTODY", "2021")).isZero();
        assertThat(fixture.balance(uscc, "PROVINCIAL_CUSTODY", "2022")).isZero();
        // the release still reaches the frozen account (inflow); custody sufficed, so its own units stay untouched
        assertThat(fixture.held(uscc, "2022")).isEqualTo(20_000);
        assertThat(fixture.held(uscc, "2019-2020")).isEqualTo(30_000);
    }

    /**
     * Issue 12 item 7: the frozen entity cannot surrender itself, so the entrusted forced surrender draws on its own
     * account too: each year's remaining obligation from custody, then from the holding account, own vintage first.
     */
    @Test
    void aForcedSurrenderCompletesAFrozenEntityFromCustodyThenItsOwnAccount() {
        String uscc = fixture.entity("420000");
        fixture.obligation(uscc, 2021, 1_000);
        fixture.obligation(uscc, 2022, 1_050);
        fixture.issueToCustody(uscc, 2021, "2021", 800);
        fixture.issueToCustody(uscc, 2022, "2022", 1_000);
        fixture.issue(uscc, 2021, "2021", 300);
        fixture.issue(uscc, 2022, "2022", 120);
        fixture.issue(uscc, 2021, "2019-2020", 30);
        surrender(uscc, 2021, "2021", 100).then().statusCode(201); // before the freeze: 900 of 2021 remain
        frozen(uscc, "(2023)鄂01执9号");
        surrender(uscc, 2021, "2021", 100).then().statusCode(409).body("type", equalTo(PROBLEMS + "account-frozen"));

        String order = forcedSurrender(uscc, "420000");
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/forced-surrenders/" + order).then().statusCode(200)
                .body("years[0].complianceYear", equalTo(2021))
                .body("years[0].lines", equalTo(List.of(line("2021", 800, "CUSTODY"), line("2021", 100, "HOLDING"))))
                .body("years[0].surrenderedT", equalTo(900))
                .body("years[0].shortfallT", equalTo(0))
                .body("years[1].lines", equalTo(List.of(line("2022", 1_000, "CUSTODY"), line("2022", 50, "HOLDING"))))
                .body("years[1].shortfallT", equalTo(0))
                .body("released", equalTo(List.of()));
        // per account and vintage: custody emptied; the holding account gave 100 of 2021 and 50 of 2022, kept the rest
        assertThat(fixture.balance(uscc, "PROVINCIAL_CUSTODY", "2021")).isZero();
        assertThat(fixture.balance(uscc, "PROVINCIAL_CUSTODY", "2022")).isZero();
        assertThat(fixture.held(uscc, "2021")).isEqualTo(100);
        assertThat(fixture.held(uscc, "2022")).isEqualTo(70);
        assertThat(fixture.held(uscc, "2019-2020")).isEqualTo(30);
        assertThat(fixture.count("select count(*) from ledger_line l join ledger_transaction t on t.id = l.transaction_id "
                + "join account a on a.id = l.from_account_id where t.reference like ?1 and a.kind = 'ENTITY_HOLDING'",
                "forced:" + order + "%")).isEqualTo(2);
        given().auth().oauth2(Tokens.province("420000")).get("/api/surrender/compliance/" + uscc).then().statusCode(200)
                .body("years[0].status", equalTo("COMPLIANT"))
                .body("years[1].status", equalTo("COMPLIANT"));
        // the account is still frozen for the holder's own disposal
        given().auth().oauth2(Tokens.entity(uscc)).get(ACCOUNTS + uscc).then().statusCode(200).body("frozen", equalTo(true));
        // the ledger still reconciles: forced surrender is the outflow a freeze allows (V3 trigger, invariant)
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/ledger/reconciliation").then().statusCode(200)
                .body("passed", equalTo(true))
                .body("invariants.find { it.name == 'NO_OUTFLOW_FROM_FROZEN_ACCOUNTS' }.passed", equalTo(true))
                .body("invariants.find { it.name == 'NO_OUTFLOW_FROM_FROZEN_ACCOUNTS' }.violations", equalTo(0));
    }

    /** Not frozen: the entity's own account is never drawn on; what custody cannot cover is the shortfall. */
    @Test
    void aForcedSurrenderLeavesAnAccountThatIsNotFrozenAlone() {
        String uscc = fixture.entity("420000");
        fixture.obligation(uscc, 2021, 1_000);
        fixture.obligation(uscc, 2022, 1_050);
        fixture.issueToCustody(uscc, 2021, "2021", 800);
        fixture.issueToCustody(uscc, 2022, "2022", 1_000);
        fixture.issue(uscc, 2021, "2021", 300);
        String order = forcedSurrender(uscc, "420000");
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/forced-surrenders/" + order).then().statusCode(200)
                .body("years[0].lines", equalTo(List.of(line("2021", 800, "CUSTODY"))))
                .body("years[0].shortfallT", equalTo(200))
                .body("years[1].lines", equalTo(List.of(line("2022", 1_000, "CUSTODY"))))
                .body("years[1].shortfallT", equalTo(50));
        assertThat(fixture.held(uscc, "2021")).isEqualTo(300);
    }

    @Test
    void releasingTakesTwoRegistryOfficersTooAndTheHistoryKeepsEveryStep() {
        String seller = fixture.entity("320000");
        String buyer = fixture.entity("320000");
        fixture.issue(seller, 2022, "2022", 800);
        String id = frozen(seller, "(2023)苏03执5号");

        Map<String, Object> release = Map.of("reason", "解除保全 / preservation lifted", "courtDocument", "(2023)苏03执5号之一");
        given().auth().oauth2(Tokens.registryApprover()).post(FREEZES + id + "/release/approve").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "release-not-pending"));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post(FREEZES + id + "/release").then().statusCode(400)
                .body("errors.field", contains("reason", "courtDocument"));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(release)
                .post(FREEZES + id + "/release").then().statusCode(200).body("status", equalTo("RELEASE_PENDING"))
                .body("effective", equalTo(true));
        // still frozen while the release waits
        settle(seller, buyer, "2022", 100).then().statusCode(409).body("type", equalTo(PROBLEMS + "account-frozen"));
        given().auth().oauth2(Tokens.registry()).post(FREEZES + id + "/release/approve").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "four-eyes"));
        given().auth().oauth2(Tokens.registryApprover()).post(FREEZES + id + "/release/approve").then().statusCode(200)
                .body("status", equalTo("RELEASED")).body("effective", equalTo(false))
                .body("releasedBy", equalTo("registry.approver"))
                .body("releaseDocument", equalTo("(2023)苏03执5号之一"));
        given().auth().oauth2(Tokens.registryApprover()).post(FREEZES + id + "/approve").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "freeze-not-pending"));

        settle(seller, buyer, "2022", 100).then().statusCode(201);
        assertThat(fixture.held(seller, "2022")).isEqualTo(700);
        assertThat(fixture.held(buyer, "2022")).isEqualTo(100);
        given().auth().oauth2(Tokens.province("320000")).get(ACCOUNTS + seller).then().statusCode(200)
                .body("frozen", equalTo(false));
        given().auth().oauth2(Tokens.entity(seller)).get(ACCOUNTS + seller + "/freezes").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].requestedBy", equalTo("registry.officer"))
                .body("[0].approvedBy", equalTo("registry.approver"))
                .body("[0].releaseRequestedBy", equalTo("registry.officer"))
                .body("[0].releasedBy", equalTo("registry.approver"))
                .body("[0].approvedAt", notNullValue())
                .body("[0].releasedAt", notNullValue());
    }

    @Test
    void scopeRolesAndBadInput() {
        String uscc = fixture.entity("320000");
        String other = fixture.entity("320000");
        String id = frozen(uscc, "(2023)苏04执6号");
        // reads: the entity itself, its province, the registry and the ministry; nobody else
        given().auth().oauth2(Tokens.province("320000")).get(ACCOUNTS + uscc + "/freezes").then().statusCode(200)
                .body("", hasSize(1));
        given().auth().oauth2(Tokens.ministry()).get(ACCOUNTS + uscc).then().statusCode(200).body("frozen", equalTo(true));
        given().auth().oauth2(Tokens.province("420000")).get(ACCOUNTS + uscc + "/freezes").then().statusCode(404);
        given().auth().oauth2(Tokens.province("420000")).get(ACCOUNTS + uscc).then().statusCode(404);
        given().auth().oauth2(Tokens.province("420000")).get(FREEZES + id).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(other)).get(ACCOUNTS + uscc + "/freezes").then().statusCode(404);
        given().auth().oauth2(Tokens.entity(other)).get(FREEZES + id).then().statusCode(404);
        // commands: registry only
        given().auth().oauth2(Tokens.province("320000")).contentType(ContentType.JSON).body(order("X-1"))
                .post(ACCOUNTS + uscc + "/freezes").then().statusCode(403);
        given().auth().oauth2(Tokens.entity(uscc)).post(FREEZES + id + "/release").then().statusCode(403);
        given().auth().oauth2(Tokens.ministry()).post(FREEZES + id + "/approve").then().statusCode(403);
        // bad input names the field and changes nothing
        long before = fixture.count("select count(*) from account_freeze where uscc = ?1", uscc);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post(ACCOUNTS + uscc + "/freezes").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("courtDocument"));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(order("X".repeat(201)))
                .post(ACCOUNTS + uscc + "/freezes").then().statusCode(400).body("errors[0].field", equalTo("courtDocument"));
        assertThat(fixture.count("select count(*) from account_freeze where uscc = ?1", uscc)).isEqualTo(before);
        request("91000000000000000X", "X-2").then().statusCode(404);
        given().auth().oauth2(Tokens.registryApprover()).post(FREEZES + UUID.randomUUID() + "/approve").then().statusCode(404);
        given().auth().oauth2(Tokens.registryApprover()).post(FREEZES + "not-a-uuid/approve").then().statusCode(404);
    }

    @Test
    void theSameIdempotencyKeyReplaysTheRequestInsteadOfRecordingItTwice() {
        String uscc = fixture.entity("320000");
        String key = "freeze-" + UUID.randomUUID();
        String first = given().auth().oauth2(Tokens.registry()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(order("(2023)苏05执7号")).post(ACCOUNTS + uscc + "/freezes").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(Tokens.registry()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(order("(2023)苏05执7号")).post(ACCOUNTS + uscc + "/freezes").then().statusCode(201)
                .body("id", equalTo(first));
        assertThat(fixture.count("select count(*) from account_freeze where uscc = ?1", uscc)).isOne();
    }

    /** Whatever the code above it does, the database refuses a line out of a frozen account (V3 trigger). */
    @Test
    void theDatabaseRefusesAnOutflowFromAFrozenAccount() {
        String uscc = fixture.entity("320000");
        String buyer = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 100);
        frozen(uscc, "(2023)苏06执8号");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.sql("""
                        with tx as (insert into ledger_transaction (reference, fingerprint, kind, uscc, counterparty_uscc,
                                    quantity_t, obligation_added_t, posted_at, posted_by, event_id)
                                    values (?1, 'x', 'SETTLEMENT', ?2, ?3, 10, 0, now(), 'sql', gen_random_uuid()) returning id)
                        insert into ledger_line (transaction_id, line_no, from_account_id, to_account_id, vintage, quantity_t)
                        select tx.id, 1, f.id, t.id, '2021', 10 from tx,
                               account f, account t where f.uscc = ?2 and f.kind = 'ENTITY_HOLDING'
                                                    and t.uscc = ?3 and t.kind = 'ENTITY_HOLDING'""",
                        "sql:" + UUID.randomUUID(), uscc, buyer))
                .hasStackTraceContaining("frozen by court order");
        assertThat(fixture.held(uscc, "2021")).isEqualTo(100);
    }
}
