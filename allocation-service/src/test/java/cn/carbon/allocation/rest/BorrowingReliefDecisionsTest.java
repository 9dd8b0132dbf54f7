package cn.carbon.allocation.rest;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.contracts.BorrowingEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.events;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static cn.carbon.allocation.Fixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * README promises of the application workflows that BorrowingReliefTest does not show: a province approves less than
 * was asked (partial approval), and relief is refused for a DISSOLVED entity. The unit as in BorrowingReliefTest:
 * 1,000,000 MWh at load 0.90 and 950,000 t both years, so 核定 2021 = 821,800 t, gap 128,200 t, ceiling 64,100 t.
 * Province 340000 is this class's own.
 */
@QuarkusTest
class BorrowingReliefDecisionsTest {

    static final String PROVINCE = "340000";

    @Inject
    EntityManager em;

    private String verifiedEntity() {
        String uscc = entity(PROVINCE);
        importOk(PROVINCE, coalRow(uscc, "U1", 2021, 1_000_000, 950_000), coalRow(uscc, "U1", 2022, 1_000_000, 950_000));
        run("verification", PROVINCE);
        return uscc;
    }

    @Test
    void aProvinceApprovesLessThanWasAskedAndOnlyThatIsBorrowed() {
        String uscc = verifiedEntity();
        String id = given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("complianceYear", 2021, "quantityT", 60_000, "reason", "coal prices; cash shortage"))
                .post(BASE + "/cycles/" + CYCLE + "/borrowing-applications").then().statusCode(201)
                .extract().path("id");

        // more than asked is not a decision: 400 naming quantityT, nothing decided
        decide(id, 60_001).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("quantityT"))
                .body("errors[0].message", containsString("60000"));
        assertThat(OutboxRows.count(Topics.BORROWING, uscc)).isZero();

        decide(id, 40_000).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("approvedT", equalTo(40_000)).body("requestedT", equalTo(60_000));
        EventEnvelope approved = events(Topics.BORROWING, uscc, 1).get(0);
        BorrowingEvent event = KafkaTestClient.json().convertValue(approved.data(), BorrowingEvent.class);
        assertThat(event.quantityT()).isEqualTo(40_000L);
        assertThat(event.applicationId()).isEqualTo(id);
        assertThat(OutboxRows.count(Topics.BORROWING, uscc)).isEqualTo(1);
        given().auth().oauth2(Tokens.entity(uscc)).get(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/allocation")
                .then().statusCode(200).body("years[0].borrowedT", equalTo(40_000));
        List<Map<String, Object>> summary = given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(summary.stream().filter(r -> uscc.equals(r.get("uscc"))).findFirst().orElseThrow().get("borrowed_2023"))
                .isEqualTo(40_000);
    }

    @Test
    void reliefIsRefusedForADissolvedEntityNamingTheEntity() {
        String uscc = verifiedEntity();
        status(PROVINCE, uscc, "DISSOLVED", List.of());
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2022, "quantityT", 10_000,
                        "publicServiceDuty", "district heating", "reason", "gap after borrowing"))
                .post(BASE + "/cycles/" + CYCLE + "/relief-applications").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/relief-refused"))
                .body("errors[0].field", equalTo("uscc"))
                .body("detail", containsString("DISSOLVED"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from relief_application where uscc = ?1").setParameter(1, uscc)
                .getSingleResult()).longValue())).isZero();
    }

    private static Response decide(String id, long quantityT) {
        Map<String, Object> body = new HashMap<>();
        body.put("decision", "APPROVE");
        body.put("quantityT", quantityT);
        body.put("note", "approved in part: the rest is to be bought");
        return given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON).body(body)
                .post(BASE + "/borrowing-applications/" + id + "/decision");
    }
}
