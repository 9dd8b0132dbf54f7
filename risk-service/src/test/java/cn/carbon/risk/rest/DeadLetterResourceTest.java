package cn.carbon.risk.rest;

import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.risk.Inputs;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

/** The registry reads what risk-service dead-lettered, through its endpoint: counted, with its reason; nobody else. */
@QuarkusTest
class DeadLetterResourceTest {

    private static final String OBLIGATIONS_DLQ = Topics.deadLetter(Topics.OBLIGATIONS, "risk-service");

    @Test
    void aRefusedObligationIsCountedWithItsReason() {
        long before = count(read(50), OBLIGATIONS_DLQ);
        String bad = TestUscc.next("320000");
        KafkaTestClient.send(Topics.OBLIGATIONS, Inputs.envelope(ObligationEvent.SET, "allocation-service", bad,
                new ObligationEvent(bad, "320000", Inputs.CYCLE, 2021, -5, false, "OPERATING", "x", 1)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> count(read(50), OBLIGATIONS_DLQ) == before + 1);
        JsonPath report = read(50);
        Map<String, Object> letter = letters(report, OBLIGATIONS_DLQ).stream()
                .filter(l -> bad.equals(l.get("key"))).findFirst().orElseThrow();
        assertThat((String) letter.get("reason")).contains("negative obligation");
        assertThat(letter.get("originalTopic")).isEqualTo(Topics.OBLIGATIONS);
        assertThat(letter.get("originalOffset")).isNotNull();
        assertThat(Instant.parse((String) letter.get("timestamp"))).isAfter(Instant.now().minusSeconds(120));
        assertThat((String) letter.get("payload")).hasSizeLessThanOrEqualTo(200).startsWith("{");
        // every dead-letter topic the configuration names is listed, those nothing was refused on with 0
        assertThat(report.getList("topics.topic", String.class))
                .contains(OBLIGATIONS_DLQ, Topics.deadLetter(Topics.RULEBOOKS, "risk-service"));
        assertThat(report.getString("service")).isEqualTo("risk-service");
    }

    @Test
    void theLatestAreAtMostFiftyAndOnlyTheRegistryReadsThem() {
        given().auth().oauth2(Tokens.registry()).queryParam("latest", 51).get("/api/risk/dead-letters")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        for (String token : new String[]{Tokens.ministry(), Tokens.province("320000"), Tokens.exchange(),
                Tokens.entity(TestUscc.next("320000"))}) {
            given().auth().oauth2(token).get("/api/risk/dead-letters").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
        }
        given().get("/api/risk/dead-letters").then().statusCode(401);
    }

    private static JsonPath read(int latest) {
        return given().auth().oauth2(Tokens.registry()).queryParam("latest", latest).get("/api/risk/dead-letters")
                .then().statusCode(200).extract().jsonPath();
    }

    private static long count(JsonPath report, String topic) {
        return report.getLong("topics.find { it.topic == '" + topic + "' }.count");
    }

    private static List<Map<String, Object>> letters(JsonPath report, String topic) {
        return report.getList("topics.find { it.topic == '" + topic + "' }.latest");
    }
}
