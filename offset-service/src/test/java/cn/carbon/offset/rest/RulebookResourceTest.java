package cn.carbon.offset.rest;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.offset.cap.Obligation;
import cn.carbon.offset.rulebook.ShippedRulebook;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static cn.carbon.offset.Offsets.obligationT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The offset settings are the rulebook's, as allocation-service publishes it on carbon.rulebooks.v1: readable by all,
 * a newer version in force from the moment it arrives (no restart), an invalid one dead-lettered and never applied.
 */
@QuarkusTest
class RulebookResourceTest {

    @Test
    void everyRoleReadsTheSettingsInForce() {
        for (String token : new String[]{Tokens.registry(), Tokens.ministry(), Tokens.province("320000"),
                Tokens.entity(TestUscc.next("320000")), Tokens.exchange()}) {
            given().auth().oauth2(token).get("/api/offsets/cycles/2021-2022/rulebook").then().statusCode(200)
                    .body("rulebookId", equalTo("CN-ETS-2021-2022-power"))
                    .body("capShareOfObligation", equalTo(0.05f))
                    .body("capRounding", equalTo("DOWN"))
                    .body("applicationsDueBy", equalTo("2023-12-15"));
        }
    }

    /** A newer version changes the cap from then on; the answer names the version it used. */
    @Test
    void aNewerVersionPublishedIsUsedFromThenOn() {
        ObjectNode v1 = ShippedRulebook.shifted(30, 1);
        String cycle = v1.get("cycle").asText();
        assertThat(cycle).isEqualTo("2051-2052");
        ShippedRulebook.publish(v1);
        String uscc = TestUscc.next("320000");
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(uscc, "320000"));
        KafkaTestClient.send(Topics.OBLIGATIONS, EventEnvelope.of(ObligationEvent.SET, "allocation-service", uscc, cycle,
                KafkaTestClient.json().valueToTree(new ObligationEvent(uscc, "320000", cycle, 2051, 1_000_000, false,
                        "OPERATING", "CN-ETS-2051-2052-power", 1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> obligationT(uscc, 2051) == 1_000_000);
        String headroom = "/api/offsets/entities/" + uscc + "/headroom?cycle=" + cycle + "&complianceYear=2051";
        given().auth().oauth2(Tokens.entity(uscc)).get(headroom).then().statusCode(200)
                .body("capT", equalTo(50_000)).body("rulebookVersion", equalTo(1));

        ObjectNode v2 = ShippedRulebook.shifted(30, 2);
        ShippedRulebooks.at(v2, "/ccerOffset/capShareOfObligation").put("value", new BigDecimal("0.10"));
        ShippedRulebook.publish(v2);
        given().auth().oauth2(Tokens.entity(uscc)).get(headroom).then().statusCode(200)
                .body("capT", equalTo(100_000)).body("rulebookVersion", equalTo(2)).body("capShare", equalTo(0.10f));

        // an older version arriving late changes nothing: the newest received governs
        EventEnvelope late = TestEvents.rulebookPublished(ShippedRulebook.shifted(30, 1), "registry.test").get(0);
        KafkaTestClient.send(Topics.RULEBOOKS, late);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(late));
        given().auth().oauth2(Tokens.entity(uscc)).get(headroom).then().body("capT", equalTo(100_000));
    }

    /** An invalid document never governs: it goes to the dead-letter topic with its reason. */
    @Test
    void anInvalidVersionIsDeadLetteredAndNeverApplied() {
        ObjectNode v1 = ShippedRulebook.shifted(40, 1);
        ShippedRulebook.publish(v1);
        ObjectNode bad = ShippedRulebook.shifted(40, 2);
        ShippedRulebooks.at(bad, "/ccerOffset/capShareOfObligation").put("value", new BigDecimal("1.5"));
        EventEnvelope event = TestEvents.rulebookPublished(bad, "registry.test").get(0);
        KafkaTestClient.send(Topics.RULEBOOKS, event);
        var dead = KafkaTestClient.awaitKeys(Topics.deadLetter(Topics.RULEBOOKS, "offset-service"), Duration.ofSeconds(30),
                event.subject());
        assertThat(new String(dead.get(event.subject()).headers().lastHeader("dead-letter-reason").value()))
                .contains("capShareOfObligation");
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/cycles/2061-2062/rulebook").then()
                .statusCode(200).body("version", equalTo(1)).body("capShareOfObligation", equalTo(0.05f));
    }

    @Test
    void rulesAreNotUploadedHere() {
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body("{}")
                .put("/api/offsets/cycles/2021-2022/rulebook").then().statusCode(405);
    }

    private static boolean applied(EventEnvelope event) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Obligation.getEntityManager()
                .createNativeQuery("select count(*) from inbox_applied_event where event_id = ?1")
                .setParameter(1, event.id()).getSingleResult()).intValue() == 1);
    }
}
