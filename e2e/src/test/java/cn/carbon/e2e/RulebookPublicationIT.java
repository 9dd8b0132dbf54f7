package cn.carbon.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One upload, every service: the registry uploads a new version of the 2021-2022 rulebook through the gateway, once;
 * allocation-service publishes it on carbon.rulebooks.v1 and, without a restart, offset-service applies its CCER cap,
 * surrender-service its eligible vintages and risk-service its reporting dates. A further upload restores the
 * shipped values (as a newer version), so the suites after this one run on the shipped rules.
 */
class RulebookPublicationIT {

    static final String CYCLE = "2021-2022";
    static final Duration APPLIED = Duration.ofSeconds(60);

    @BeforeAll
    static void gateway() {
        RestAssured.baseURI = SecurityMatrixIT.GATEWAY;
    }

    @Test
    void aVersionUploadedOnceGovernsEveryService() {
        String registry = Caller.REGISTRY.token();
        String shipped = given().auth().oauth2(registry).get("/api/allocation/cycles/" + CYCLE + "/rulebook")
                .then().statusCode(200).extract().asString();
        Map<String, Object> changed = new JsonPath(shipped).getMap("$");
        set(changed, List.of("ccerOffset", "capShareOfObligation", "value"), 0.06);
        set(changed, List.of("vintages", "eligible", "2021", "value"), List.of("2019-2020", "2021"));
        set(changed, List.of("netPurchaseReporting", "weeklyReportsMonthsBeforeDeadline", "value"), 2);

        int version = upload(registry, changed);
        await().atMost(APPLIED).untilAsserted(() -> {
            JsonPath offset = given().auth().oauth2(registry).get("/api/offsets/cycles/" + CYCLE + "/rulebook")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(offset.getInt("version")).as("offset-service's version").isEqualTo(version);
            assertThat(offset.getDouble("capShareOfObligation")).isEqualTo(0.06);
            assertThat(surrenderEligible2021(registry, version)).containsExactly("2019-2020", "2021");
            JsonPath risk = given().auth().oauth2(registry).get("/api/risk/rulebook").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(risk.getInt("rulebook.version")).as("risk-service's version").isEqualTo(version);
            assertThat(risk.getString("weeklyReportsFrom")).isEqualTo("2023-11-01");
        });

        int restored = upload(registry, new JsonPath(shipped).getMap("$"));
        await().atMost(APPLIED).untilAsserted(() -> {
            assertThat(given().auth().oauth2(registry).get("/api/offsets/cycles/" + CYCLE + "/rulebook").jsonPath()
                    .getDouble("capShareOfObligation")).isEqualTo(0.05);
            assertThat(surrenderEligible2021(registry, restored)).containsExactly("2019-2020", "2021", "2022");
            assertThat(given().auth().oauth2(registry).get("/api/risk/rulebook").jsonPath()
                    .getString("weeklyReportsFrom")).isEqualTo("2023-12-01");
        });
    }

    /** An invalid upload is refused naming the field, and nothing is published: every service keeps its version. */
    @Test
    void anInvalidUploadReachesNoService() {
        String registry = Caller.REGISTRY.token();
        String shipped = given().auth().oauth2(registry).get("/api/allocation/cycles/" + CYCLE + "/rulebook")
                .then().statusCode(200).extract().asString();
        Map<String, Object> bad = new JsonPath(shipped).getMap("$");
        set(bad, List.of("ccerOffset", "capShareOfObligation", "value"), 1.5);
        int before = given().auth().oauth2(registry).get("/api/offsets/cycles/" + CYCLE + "/rulebook").jsonPath()
                .getInt("version");
        given().auth().oauth2(registry).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(bad).put("/api/allocation/cycles/" + CYCLE + "/rulebook").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("ccerOffset.capShareOfObligation.value"));
        assertThat(given().auth().oauth2(registry).get("/api/allocation/cycles/" + CYCLE + "/rulebook/versions")
                .jsonPath().getList("version", Integer.class)).doesNotContain(before + 1);
    }

    private static int upload(String token, Map<String, Object> document) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(document)
                .put("/api/allocation/cycles/" + CYCLE + "/rulebook").then().statusCode(201)
                .extract().jsonPath().getInt("version");
    }

    private static List<String> surrenderEligible2021(String token, int version) {
        JsonPath all = given().auth().oauth2(token).get("/api/surrender/rulebooks").then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getInt("find { it.cycle == '" + CYCLE + "' }.version")).as("surrender-service's version")
                .isEqualTo(version);
        return all.getList("find { it.cycle == '" + CYCLE + "' }.eligible.'2021'", String.class);
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> root, List<String> path, Object value) {
        Map<String, Object> node = root;
        for (String key : path.subList(0, path.size() - 1)) {
            node = (Map<String, Object>) node.get(key);
        }
        node.put(path.get(path.size() - 1), value);
    }
}
