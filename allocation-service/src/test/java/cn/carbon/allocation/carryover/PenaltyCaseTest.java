package cn.carbon.allocation.carryover;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.entity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The province's penalty case of an entity-year with a shortfall at the deadline: the order to correct and the fine
 * within the rulebook's range (CNY 20,000–30,000), on the entity's record. Provinces 410000 and 420000 belong to this
 * class.
 */
@QuarkusTest
class PenaltyCaseTest {

    static final String P = "410000";
    static final String OTHER = "420000";

    @Test
    void theProvinceOrdersCorrectionAndFinesWithinTheRulebooksRange() {
        String a = entity(P);
        // no shortfall at the deadline: no penalty case
        order(Tokens.province(P), a, Map.of("complianceYear", 2022, "deadline", "2024-03-31",
                "documentNo", "苏环罚〔2024〕1号")).then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/no-shortfall"));

        KafkaTestClient.send(Topics.COMPLIANCE, CarryOverTest.compliance(ComplianceEvent.SHORTFALL, a, 2022,
                "OVERDUE", 10_000, Instant.parse("2023-12-31T16:00:00Z")));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(Tokens.province(P))
                .get(BASE + "/cycles/" + CYCLE + "/entities/" + a + "/carry-over").then().statusCode(200)
                .extract().jsonPath().getLong("statement.totalOwedT") == 10_000);

        order(Tokens.province(P), a, Map.of("complianceYear", 2022)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItems("deadline", "documentNo"));
        order(Tokens.registry(), a, Map.of("complianceYear", 2022, "deadline", "2024-03-31", "documentNo", "x"))
                .then().statusCode(403);
        order(Tokens.province(OTHER), a, Map.of("complianceYear", 2022, "deadline", "2024-03-31", "documentNo", "x"))
                .then().statusCode(404);
        order(Tokens.province(P), a, Map.of("complianceYear", 2021, "deadline", "2024-03-31", "documentNo", "x"))
                .then().statusCode(409); // 2021 was not short
        order(Tokens.province(P), a, Map.of("complianceYear", 2022, "deadline", "2024-03-31",
                "documentNo", "责改〔2024〕7号")).then().statusCode(200)
                .body("correctionOrder.deadline", equalTo("2024-03-31"))
                .body("correctionOrder.documentNo", equalTo("责改〔2024〕7号"))
                .body("correctionOrder.recordedBy", equalTo("province." + P)).body("fine", equalTo(null));

        fine(Tokens.province(P), a, Map.of("complianceYear", 2022, "amountCny", 19_999, "documentNo", "罚〔2024〕3号"))
                .then().statusCode(422).body("type", equalTo("https://carbon.example/problems/fine-out-of-range"))
                .body("errors[0].field", equalTo("amountCny"))
                .body("errors[0].message", containsString("20000")).body("errors[0].message", containsString("30000"));
        fine(Tokens.province(P), a, Map.of("complianceYear", 2022, "amountCny", 30_001, "documentNo", "罚〔2024〕3号"))
                .then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        JsonPath unchanged = penaltyCase(Tokens.entity(a), a);
        assertThat(unchanged.getString("[0].fine")).isNull();

        fine(Tokens.province(P), a, Map.of("complianceYear", 2022, "amountCny", 25_000, "documentNo", "罚〔2024〕3号"))
                .then().statusCode(200).body("fine.amountCny", equalTo(25000.0f))
                .body("fine.documentNo", equalTo("罚〔2024〕3号"));

        // on the entity's record, and in its carry-over view
        JsonPath record = penaltyCase(Tokens.ministry(), a);
        assertThat(record.getInt("[0].complianceYear")).isEqualTo(2022);
        assertThat(record.getString("[0].correctionOrder.documentNo")).isEqualTo("责改〔2024〕7号");
        assertThat(record.getDouble("[0].fine.amountCny")).isEqualTo(25_000.0);
        assertThat(record.getString("[0].fine.recordedBy")).isEqualTo("province." + P);
        JsonPath view = given().auth().oauth2(Tokens.entity(a)).get(BASE + "/cycles/" + CYCLE + "/entities/" + a
                + "/carry-over").then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("penaltyCases[0].fine.documentNo")).isEqualTo("罚〔2024〕3号");
        given().auth().oauth2(Tokens.province(OTHER)).get(BASE + "/cycles/" + CYCLE + "/entities/" + a
                + "/penalty-case").then().statusCode(404);
        given().auth().oauth2(Tokens.exchange()).get(BASE + "/cycles/" + CYCLE + "/entities/" + a
                + "/penalty-case").then().statusCode(403);
    }

    private static Response order(String token, String uscc, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/penalty-case/correction-order");
    }

    private static Response fine(String token, String uscc, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/penalty-case/fine");
    }

    private static JsonPath penaltyCase(String token, String uscc) {
        return given().auth().oauth2(token).get(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/penalty-case")
                .then().statusCode(200).extract().jsonPath();
    }
}
