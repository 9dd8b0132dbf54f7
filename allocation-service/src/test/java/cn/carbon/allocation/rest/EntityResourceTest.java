package cn.carbon.allocation.rest;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class EntityResourceTest {

    static final String ENTITIES = "/api/allocation/entities";

    @Test
    void provinceRegistersItsOwnEntityAndTheEventIsPublishedOnce() {
        String uscc = TestUscc.next("320000");
        given().auth().oauth2(Tokens.province("320000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Jiangsu Power No. 1", "provinceCode", "320000", "sector", "POWER"))
                .when().post(ENTITIES)
                .then().statusCode(201).body("uscc", equalTo(uscc)).body("status", equalTo("OPERATING"));

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readAllOf(Topics.ENTITIES, uscc, Duration.ofSeconds(4));
        assertThat(records).hasSize(1);
        EventEnvelope event = KafkaTestClient.envelope(records.get(0));
        assertThat(event.type()).isEqualTo(EntityEvent.REGISTERED);
        assertThat(event.subject()).isEqualTo(uscc);
        assertThat(event.data().get("provinceCode").asText()).isEqualTo("320000");
    }

    @Test
    void provinceCannotRegisterForAnotherProvince() {
        String uscc = TestUscc.next("440000");
        given().auth().oauth2(Tokens.province("320000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Elsewhere", "provinceCode", "440000"))
                .when().post(ENTITIES)
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.registry()).when().get(ENTITIES + "/" + uscc).then().statusCode(404);
    }

    @Test
    void malformedRegistrationNamesEveryBadFieldAndChangesNothing() {
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("uscc", "91320000MA0000033X", "name", " ", "provinceCode", "320100"))
                .when().post(ENTITIES)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("uscc"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("provinceCode"));
        given().auth().oauth2(Tokens.registry()).when().get(ENTITIES + "/91320000MA0000033X").then().statusCode(404);
    }

    @Test
    void malformedJsonIsAProblem() {
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body("{\"uscc\": ")
                .when().post(ENTITIES)
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void duplicateRegistrationIsAConflict() {
        String uscc = TestUscc.next("110000");
        Map<String, String> body = Map.of("uscc", uscc, "name", "Beijing Heat", "provinceCode", "110000");
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(body).post(ENTITIES).then().statusCode(201);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(body).post(ENTITIES)
                .then().statusCode(409).body("type", equalTo("https://carbon.example/problems/entity-exists"));
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        String uscc = TestUscc.next("320000");
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("uscc", uscc, "name", "Replay Power", "provinceCode", "320000");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(Tokens.province("320000")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body(body).post(ENTITIES).then().statusCode(201).body("uscc", equalTo(uscc));
        }
        given().auth().oauth2(Tokens.province("320000")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Another name", "provinceCode", "320000"))
                .post(ENTITIES).then().statusCode(422);
        long events = KafkaTestClient.readAllOf(Topics.ENTITIES, uscc, Duration.ofSeconds(3)).size();
        assertThat(events).isEqualTo(1);
    }

    @Test
    void listsAreScopedToTheCallersProvince() {
        String mine = TestUscc.next("320000");
        String theirs = TestUscc.next("440000");
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("uscc", mine, "name", "Mine", "provinceCode", "320000")).post(ENTITIES).then().statusCode(201);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("uscc", theirs, "name", "Theirs", "provinceCode", "440000")).post(ENTITIES).then().statusCode(201);

        given().auth().oauth2(Tokens.province("320000")).queryParam("size", 500).when().get(ENTITIES)
                .then().statusCode(200)
                .body("items.provinceCode", everyItem(equalTo("320000")))
                .body("items.uscc", hasItem(mine))
                .body("items.uscc", not(hasItem(theirs)));
        given().auth().oauth2(Tokens.province("320000")).queryParam("province", "440000").when().get(ENTITIES)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.ministry()).queryParam("province", "440000").queryParam("size", 500).when().get(ENTITIES)
                .then().statusCode(200).body("items.uscc", hasItem(theirs));
        given().auth().oauth2(Tokens.province("320000")).when().get(ENTITIES + "/" + theirs).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.entity(mine)).when().get(ENTITIES + "/" + mine).then().statusCode(200);
        given().auth().oauth2(Tokens.entity(mine)).when().get(ENTITIES + "/" + theirs).then().statusCode(404);
    }

    @Test
    void badTokensAre401AndWrongRolesAre403() {
        BadTokens.assertAllRefused("GET", ENTITIES, "registry");
        given().auth().oauth2(Tokens.exchange()).when().get(ENTITIES).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.entity("91110000MA0000011M")).contentType(ContentType.JSON)
                .body(Map.of("uscc", "91110000MA0000011M", "name", "Self", "provinceCode", "110000"))
                .when().post(ENTITIES).then().statusCode(403);
    }

    @Test
    void pageSizeOutOfRangeIsNamed() {
        given().auth().oauth2(Tokens.registry()).queryParam("size", 100000).when().get(ENTITIES)
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
    }
}
