package cn.carbon.allocation.rest;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.events;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** An entity's status (notice §一) with reasons, special note and history; told to the other services. */
@QuarkusTest
class EntityStatusTest {

    static final String PROVINCE = "330000";

    @Test
    void aProvinceSetsItsEntitysStatusWithReasonsAndTheHistoryKeepsWhoWhenWhy() {
        String uscc = entity(PROVINCE);
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON)
                .body(Map.of("status", "COMPLIANCE_RISK", "reasons", List.of("LITIGATION", "JUDICIAL_FREEZE"),
                        "specialNote", "court freeze of 2023-06", "why", "court order (2023) 浙01执123"))
                .put(BASE + "/entities/" + uscc + "/status")
                .then().statusCode(200).body("status", equalTo("COMPLIANCE_RISK"))
                .body("reasons", hasItem("JUDICIAL_FREEZE")).body("specialNote", equalTo("court freeze of 2023-06"));

        JsonPath history = given().auth().oauth2(Tokens.ministry())
                .get(BASE + "/entities/" + uscc + "/status-history").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("status")).containsExactly("COMPLIANCE_RISK");
        assertThat(history.getString("[0].previousStatus")).isEqualTo("OPERATING");
        assertThat(history.getString("[0].changedBy")).isEqualTo("province." + PROVINCE);
        assertThat(history.getString("[0].changedAt")).isNotBlank();
        assertThat(history.getString("[0].why")).contains("court order");
        assertThat(history.getList("[0].reasons")).containsExactlyInAnyOrder("LITIGATION", "JUDICIAL_FREEZE");

        List<EventEnvelope> events = events(Topics.ENTITIES, uscc, 2);
        EventEnvelope changed = events.stream().filter(e -> e.type().equals(EntityEvent.STATUS_CHANGED)).findFirst()
                .orElseThrow();
        assertThat(changed.data().get("status").asText()).isEqualTo("COMPLIANCE_RISK");
        assertThat(changed.data().get("provinceCode").asText()).isEqualTo(PROVINCE);

        given().auth().oauth2(Tokens.entity(uscc)).get(BASE + "/entities/" + uscc + "/status-history")
                .then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void reasonsAreRequiredForAComplianceRiskAndOnlyThere() {
        String uscc = entity(PROVINCE);
        put(uscc, Map.of("status", "COMPLIANCE_RISK", "why", "x")).then().statusCode(400)
                .body("errors.field", hasItem("reasons"));
        put(uscc, Map.of("status", "COMPLIANCE_RISK", "reasons", List.of("BANKRUPT"), "why", "x")).then()
                .statusCode(400).body("errors.field", hasItem("reasons"));
        put(uscc, Map.of("status", "FACILITIES_CLOSED", "reasons", List.of("DEBT"), "why", "x")).then()
                .statusCode(400).body("errors.field", hasItem("reasons"));
        put(uscc, Map.of("status", "CLOSED", "why", "x")).then().statusCode(400).body("errors.field", hasItem("status"));
        put(uscc, Map.of("status", "FACILITIES_CLOSED")).then().statusCode(400).body("errors.field", hasItem("why"));
        given().auth().oauth2(Tokens.registry()).get(BASE + "/entities/" + uscc).then().statusCode(200)
                .body("status", equalTo("OPERATING"));
        given().auth().oauth2(Tokens.registry()).get(BASE + "/entities/" + uscc + "/status-history").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aDissolvedEntityDoesNotComeBack() {
        String uscc = entity(PROVINCE);
        put(uscc, Map.of("status", "DISSOLVED", "why", "licence cancelled")).then().statusCode(200);
        put(uscc, Map.of("status", "OPERATING", "why", "try")).then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/entity-dissolved"));
    }

    @Test
    void onlyTheEntitysOwnProvinceChangesItsStatus() {
        String uscc = entity(PROVINCE);
        given().auth().oauth2(Tokens.province("340000")).contentType(ContentType.JSON)
                .body(Map.of("status", "DISSOLVED", "why", "x")).put(BASE + "/entities/" + uscc + "/status")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.province("340000")).get(BASE + "/entities/" + uscc + "/status-history")
                .then().statusCode(404);
        for (String token : List.of(Tokens.registry(), Tokens.ministry(), Tokens.entity(uscc), Tokens.exchange())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "DISSOLVED", "why", "x"))
                    .put(BASE + "/entities/" + uscc + "/status").then().statusCode(403);
        }
        cn.carbon.allocation.Fixtures.refusedWithBody("PUT", BASE + "/entities/" + uscc + "/status", "province",
                "application/json", "{\"status\":\"DISSOLVED\",\"why\":\"x\"}");
        BadTokens.assertAllRefused("GET", BASE + "/entities/" + uscc + "/status-history", "registry");
        given().auth().oauth2(Tokens.registry()).get(BASE + "/entities/" + uscc).then().statusCode(200)
                .body("status", equalTo("OPERATING"));
    }

    private static io.restassured.response.Response put(String uscc, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON).body(body)
                .put(BASE + "/entities/" + uscc + "/status");
    }
}
