package cn.carbon.allocation.rest;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.allocation.SettableClock;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.BorrowingEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.events;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.refusedWithBody;
import static cn.carbon.allocation.Fixtures.run;
import static cn.carbon.allocation.Fixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Borrowing (预支) and relief (纾困) through the API. The entity's unit: 1,000,000 MWh at load 0.90, emissions
 * 950,000 t both years: 核定 2021 = 821,800 t, gap 128,200 t (13.5 % ≥ 10 %), borrowing ceiling 64,100 t;
 * 2022: 817,700 t, gap 132,300 t, ceiling 66,150 t.
 */
@QuarkusTest
class BorrowingReliefTest {

    static final String PROVINCE = "530000";
    static final String OTHER = "540000";

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String verifiedEntity(long emissionsT) {
        String uscc = entity(PROVINCE);
        importOk(PROVINCE, coalRow(uscc, "U1", 2021, 1_000_000, emissionsT),
                coalRow(uscc, "U1", 2022, 1_000_000, emissionsT));
        run("verification", PROVINCE);
        return uscc;
    }

    @Test
    void anEntityBorrowsWithinTheCeilingAndItsProvinceApproves() {
        String uscc = verifiedEntity(950_000);
        apply(uscc, 2021, 64_101).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/borrowing-above-ceiling"))
                .body("errors[0].field", equalTo("quantityT")).body("errors[0].message", containsString("64100"));
        String id = apply(uscc, 2021, 60_000).then().statusCode(201).body("status", equalTo("PENDING"))
                .body("ceilingT", equalTo(64_100)).body("gapT", equalTo(128_200)).body("sourceVintage", equalTo("2023"))
                .extract().path("id");
        apply(uscc, 2021, 1_000).then().statusCode(409);

        decide(Tokens.province(OTHER), "borrowing-applications", id, "APPROVE").then().statusCode(404);
        decide(Tokens.entity(uscc), "borrowing-applications", id, "APPROVE").then().statusCode(403);
        decide(Tokens.province(PROVINCE), "borrowing-applications", id, "APPROVE").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("approvedT", equalTo(60_000))
                .body("decidedBy", equalTo("province." + PROVINCE));
        decide(Tokens.provinceReviewer(PROVINCE), "borrowing-applications", id, "APPROVE").then().statusCode(409);

        EventEnvelope approved = events(Topics.BORROWING, uscc, 1).get(0);
        assertThat(approved.type()).isEqualTo(BorrowingEvent.APPROVED);
        BorrowingEvent event = KafkaTestClient.json().convertValue(approved.data(), BorrowingEvent.class);
        assertThat(event.applicationId()).isEqualTo(id);
        assertThat(event.quantityT()).isEqualTo(60_000L);
        assertThat(event.vintage()).isEqualTo("2023");
        assertThat(event.complianceYear()).isEqualTo(2021);
        assertThat(event.decidedBy()).isEqualTo("province." + PROVINCE);

        // recorded as a deduction from the 2023 allocation: the summary's borrowed_2023 column
        List<Map<String, Object>> summary = given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Map<String, Object> row = summary.stream().filter(r -> uscc.equals(r.get("uscc"))).findFirst().orElseThrow();
        assertThat(row.get("borrowed_2023")).isEqualTo(60_000);
        given().auth().oauth2(Tokens.entity(uscc)).get(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/allocation")
                .then().statusCode(200).body("years[0].borrowedT", equalTo(60_000));
        given().auth().oauth2(Tokens.entity(uscc)).get(BASE + "/borrowing-applications/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.province(OTHER)).get(BASE + "/borrowing-applications/" + id).then().statusCode(404);
    }

    @Test
    void theApplicantCannotDecideItsOwnApplication() {
        String uscc = verifiedEntity(950_000);
        String id = apply(uscc, 2022, 10_000).then().statusCode(201).extract().path("id");
        // the same person holding a province role: four eyes
        String samePerson = Tokens.token("entity." + uscc, "province", Map.of("province_code", PROVINCE));
        decide(samePerson, "borrowing-applications", id, "APPROVE").then().statusCode(403)
                .body("type", equalTo("https://carbon.example/problems/four-eyes"));
        decide(Tokens.province(PROVINCE), "borrowing-applications", id, "REJECT").then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        // a rejection publishes nothing: no outbox row, and nothing on the topic before a sentinel of the key
        assertThat(OutboxRows.count(Topics.BORROWING, uscc)).isZero();
        assertThat(KafkaTestClient.readBeforeSentinel(Topics.BORROWING, uscc)).isEmpty();
    }

    @Test
    void specialEntitiesSmallGapsUnverifiedYearsAndLateApplicationsAreRefused() {
        String risky = verifiedEntity(950_000);
        status(PROVINCE, risky, "COMPLIANCE_RISK", List.of("DEBT"));
        apply(risky, 2021, 10_000).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/borrowing-refused"))
                .body("detail", containsString("COMPLIANCE_RISK entity cannot borrow"));

        String smallGap = verifiedEntity(900_000); // gap 78,200 = 8.7 % < 10 %
        apply(smallGap, 2021, 1_000).then().statusCode(422).body("detail", containsString("below the threshold"));

        String unverified = entity(PROVINCE);
        apply(unverified, 2021, 1_000).then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/not-verified"));

        String late = verifiedEntity(950_000);
        clock.set(Instant.parse("2023-08-04T15:59:59Z")); // 23:59:59 in Asia/Shanghai: still in time
        apply(late, 2021, 1_000).then().statusCode(201);
        clock.set(Instant.parse("2023-08-04T16:00:00Z")); // 2023-08-05 00:00 in Asia/Shanghai
        apply(late, 2022, 1_000).then().statusCode(422)
                .body("detail", containsString("after the deadline 2023-08-04"));

        apply(late, 2020, 1_000).then().statusCode(400).body("errors.field", hasItem("complianceYear"));
    }

    @Test
    void aProvinceAppliesForReliefAndTheMinistryDecidesNeverTheSamePerson() {
        String uscc = verifiedEntity(950_000);
        reliefApply(Tokens.province(PROVINCE), uscc, 2022, 200_000).then().statusCode(422)
                .body("errors[0].message", containsString("132300"));
        reliefApply(Tokens.province(OTHER), uscc, 2022, 1_000).then().statusCode(404);
        String id = reliefApply(Tokens.province(PROVINCE), uscc, 2022, 50_000).then().statusCode(201)
                .body("status", equalTo("PENDING")).body("gapT", equalTo(132_300)).extract().path("id");

        decide(Tokens.province(PROVINCE), "relief-applications", id, "APPROVE").then().statusCode(403);
        String samePerson = Tokens.token("province." + PROVINCE, "ministry", Map.of());
        decide(samePerson, "relief-applications", id, "APPROVE").then().statusCode(403)
                .body("type", equalTo("https://carbon.example/problems/four-eyes"));
        decide(Tokens.ministry(), "relief-applications", id, "APPROVE").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("approvedT", equalTo(50_000))
                .body("decidedBy", equalTo("ministry.officer"));

        AllocationInstruction relief = events(Topics.ALLOCATIONS, uscc, 3).stream()
                .map(e -> KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class))
                .filter(i -> "RELIEF".equals(i.stage())).findFirst().orElseThrow();
        assertThat(relief.instructionId()).isEqualTo(uscc + "-2022-RELIEF-1");
        assertThat(relief.quantityT()).isEqualTo(50_000L);
        assertThat(relief.destination()).isEqualTo(AllocationInstruction.ENTITY_ACCOUNT);
        assertThat(relief.vintage()).isEqualTo("2022");
        given().auth().oauth2(Tokens.ministry()).get(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/allocation")
                .then().statusCode(200).body("years[1].reliefAdvanceT", equalTo(50_000))
                .body("years[1].issuedT", equalTo(867_700));
    }

    @Test
    void reliefPlansAfterTheDeadlineAreRefused() {
        String uscc = verifiedEntity(950_000);
        clock.set(Instant.parse("2023-08-05T01:00:00Z"));
        reliefApply(Tokens.province(PROVINCE), uscc, 2021, 1_000).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/relief-refused"));
    }

    @Test
    void rolesAndTokensAreChecked() {
        String uscc = entity(PROVINCE);
        refusedWithBody("POST", BASE + "/cycles/" + CYCLE + "/borrowing-applications", "entity", "application/json", "{}");
        refusedWithBody("POST", BASE + "/borrowing-applications/x/decision", "province", "application/json", "{}");
        refusedWithBody("POST", BASE + "/cycles/" + CYCLE + "/relief-applications", "province", "application/json", "{}");
        refusedWithBody("POST", BASE + "/relief-applications/x/decision", "ministry", "application/json", "{}");
        BadTokens.assertAllRefused("GET", BASE + "/cycles/" + CYCLE + "/borrowing-applications", "registry");
        BadTokens.assertAllRefused("GET", BASE + "/cycles/" + CYCLE + "/relief-applications", "registry");
        BadTokens.assertAllRefused("GET", BASE + "/borrowing-applications/x", "registry");
        BadTokens.assertAllRefused("GET", BASE + "/relief-applications/x", "registry");
        given().auth().oauth2(Tokens.exchange()).get(BASE + "/borrowing-applications/x").then().statusCode(403);
        given().auth().oauth2(Tokens.entity(uscc)).get(BASE + "/relief-applications/x").then().statusCode(403);
        given().auth().oauth2(Tokens.entity(uscc)).get(BASE + "/cycles/" + CYCLE + "/borrowing-applications")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2021, "quantityT", 1, "reason", "x"))
                .post(BASE + "/cycles/" + CYCLE + "/borrowing-applications").then().statusCode(403);
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2021, "quantityT", 1, "publicServiceDuty", "heat",
                        "reason", "x"))
                .post(BASE + "/cycles/" + CYCLE + "/relief-applications").then().statusCode(403);
        // an entity borrows only for itself
        String other = entity(PROVINCE);
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", other, "complianceYear", 2021, "quantityT", 1, "reason", "x"))
                .post(BASE + "/cycles/" + CYCLE + "/borrowing-applications").then().statusCode(404);
    }

    private static Response apply(String uscc, int year, long quantity) {
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("complianceYear", year, "quantityT", quantity, "reason", "coal prices; cash shortage"))
                .post(BASE + "/cycles/" + CYCLE + "/borrowing-applications");
    }

    private static Response reliefApply(String token, String uscc, int year, long quantity) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", year, "quantityT", quantity,
                        "publicServiceDuty", "district heating for 400,000 households", "reason", "gap after borrowing"))
                .post(BASE + "/cycles/" + CYCLE + "/relief-applications");
    }

    private static Response decide(String token, String kind, String id, String decision) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("decision", decision))
                .post(BASE + "/" + kind + "/" + id + "/decision");
    }
}
