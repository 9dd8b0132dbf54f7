package cn.carbon.offset.rest;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.rulebook.ShippedRulebook;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static cn.carbon.offset.Offsets.obligationT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The offset settings are data: readable by all, replaceable by the registry with a newer version. */
@QuarkusTest
class RulebookResourceTest {

    @Test
    void everyRoleReadsTheRulebookInForce() {
        for (String token : new String[]{Tokens.registry(), Tokens.ministry(), Tokens.province("320000"),
                Tokens.entity(TestUscc.next("320000")), Tokens.exchange()}) {
            given().auth().oauth2(token).get("/api/offsets/cycles/2021-2022/rulebook").then().statusCode(200)
                    .body("rulebookId", equalTo("CN-ETS-2021-2022-power"))
                    .body("ccerOffset.capShareOfObligation.value", equalTo(0.05f))
                    .body("deadlines.ccerPaperForms.value", equalTo("2023-12-15"));
        }
    }

    /** A newer version changes the cap from then on; the answer names the version it used. */
    @Test
    void aNewerVersionLoadedByTheRegistryIsUsedFromThenOn() {
        String cycle = "2051-2052";
        String v1 = variant(cycle, 1, "0.05");
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(v1)
                .put("/api/offsets/cycles/" + cycle + "/rulebook").then().statusCode(201);
        String uscc = TestUscc.next("320000");
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(uscc, "320000"));
        KafkaTestClient.send(Topics.OBLIGATIONS, EventEnvelope.of(ObligationEvent.SET, "allocation-service", uscc, cycle,
                KafkaTestClient.json().valueToTree(new ObligationEvent(uscc, "320000", cycle, 2051, 1_000_000, false,
                        "OPERATING", "CN-ETS-2051-2052-power", 1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> obligationT(uscc, 2051) == 1_000_000);
        String headroom = "/api/offsets/entities/" + uscc + "/headroom?cycle=" + cycle + "&complianceYear=2051";
        given().auth().oauth2(Tokens.entity(uscc)).get(headroom).then().statusCode(200)
                .body("capT", equalTo(50_000)).body("rulebookVersion", equalTo(1));

        // the same version again is refused; so is a body for another cycle; nothing changes
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(variant(cycle, 1, "0.10"))
                .put("/api/offsets/cycles/" + cycle + "/rulebook").then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/rulebook-version-not-newer"));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(variant(cycle, 2, "0.10"))
                .put("/api/offsets/cycles/2061-2062/rulebook").then().statusCode(422)
                .body("errors[0].field", equalTo("cycle"));
        given().auth().oauth2(Tokens.entity(uscc)).get(headroom).then().body("capT", equalTo(50_000));

        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(variant(cycle, 2, "0.10"))
                .put("/api/offsets/cycles/" + cycle + "/rulebook").then().statusCode(201);
        given().auth().oauth2(Tokens.entity(uscc)).get(headroom).then().statusCode(200)
                .body("capT", equalTo(100_000)).body("rulebookVersion", equalTo(2)).body("capShare", equalTo(0.10f));
        given().auth().oauth2(Tokens.ministry()).get("/api/offsets/cycles/" + cycle + "/rulebook").then()
                .body("version", equalTo(2));
    }

    @Test
    void anInvalidRulebookIsRefusedNamingEveryField() {
        String bad = variant("2071-2072", 1, "1.5").replace("\"DOWN\"", "\"SIDEWAYS\"");
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(bad)
                .put("/api/offsets/cycles/2071-2072/rulebook").then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/rulebook-invalid"))
                .body("errors.field", hasItem("ccerOffset.capShareOfObligation.value"))
                .body("errors.field", hasItem("ccerOffset.capRounding.value"));
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/cycles/2071-2072/rulebook").then().statusCode(404);
    }

    private static String variant(String cycle, int version, String share) {
        int first = Integer.parseInt(cycle.substring(0, 4));
        int shift = first - 2021;
        return ShippedRulebook.json()
                .replace("\"cycle\": \"2021-2022\"", "\"cycle\": \"" + cycle + "\"")
                .replace("\"version\": 1,", "\"version\": " + version + ",")
                .replace("[2021, 2022]", "[" + first + ", " + (first + 1) + "]")
                .replace("\"value\": 0.05", "\"value\": " + share)
                .replace("2023-08-14", (2023 + shift) + "-08-14")
                .replace("2023-12-15", (2023 + shift) + "-12-15")
                .replace("2024-12-31", (2024 + shift) + "-12-31");
    }
}
