package cn.carbon.surrender.rest;

import cn.carbon.contracts.Topics;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class AccountResourceTest {

    static final String JIANGSU_ENTITY = TestUscc.next("320000");
    static final String GUANGDONG_ENTITY = TestUscc.next("440000");

    @BeforeAll
    static void entitiesAnnounced() {
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(JIANGSU_ENTITY, "320000"));
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(GUANGDONG_ENTITY, "440000"));
    }

    @Test
    void accountsAreScopedByProvinceAndEntity() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.registry())
                .get("/api/surrender/accounts/" + GUANGDONG_ENTITY).then().statusCode(200));
        given().auth().oauth2(Tokens.province("320000")).get("/api/surrender/accounts/" + GUANGDONG_ENTITY)
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.province("440000")).get("/api/surrender/accounts/" + GUANGDONG_ENTITY)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.entity(JIANGSU_ENTITY)).get("/api/surrender/accounts/" + GUANGDONG_ENTITY)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.ministry()).get("/api/surrender/accounts/" + GUANGDONG_ENTITY).then().statusCode(200);
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/accounts/" + TestUscc.next("440000"))
                .then().statusCode(404);
    }

    @Test
    void badTokensAre401AndWrongRolesAre403() {
        BadTokens.assertAllRefused("GET", "/api/surrender/accounts/" + JIANGSU_ENTITY, "registry");
        given().auth().oauth2(Tokens.exchange()).get("/api/surrender/accounts/" + JIANGSU_ENTITY)
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
    }
}
