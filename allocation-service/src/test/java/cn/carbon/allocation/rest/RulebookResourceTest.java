package cn.carbon.allocation.rest;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.contracts.RulebookPublished;
import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static cn.carbon.allocation.Fixtures.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The rulebook API: the shipped file is version 1 of 2021-2022, read by every role; the registry uploads new
 * versions (the service numbers them); invalid uploads name every field. Uploads go to a cycle of their own so that
 * the other tests keep computing with the shipped version.
 */
@QuarkusTest
class RulebookResourceTest {

    @Test
    void theShippedRulebookIsVersionOneAndEveryRoleReadsIt() {
        for (String token : List.of(Tokens.registry(), Tokens.ministry(), Tokens.province("320000"),
                Tokens.entity("91110000MA0000011M"), Tokens.exchange())) {
            given().auth().oauth2(token).get(BASE + "/cycles/2021-2022/rulebook?version=1").then().statusCode(200)
                    .header("ETag", "\"CN-ETS-2021-2022-power@v1\"")
                    .body("id", equalTo("CN-ETS-2021-2022-power")).body("version", equalTo(1))
                    .body("benchmarks.2021.COAL_ABOVE_300MW.supply.value", equalTo(0.8218f));
        }
        given().auth().oauth2(Tokens.registry()).get(BASE + "/cycles/2099-2100/rulebook").then().statusCode(404);
    }

    @Test
    void theRegistryUploadsNewVersionsOfACycle() {
        int first = 2100 + 2 * ThreadLocalRandom.current().nextInt(400);
        String cycle = first + "-" + (first + 1);
        String v1 = ShippedRulebooks.tree().toString().replace("2021-2022", cycle)
                .replace("2021", String.valueOf(first)).replace("2022", String.valueOf(first + 1));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(v1)
                .put(BASE + "/cycles/" + cycle + "/rulebook").then().statusCode(201)
                .body("version", equalTo(1)).body("cycle", equalTo(cycle)).body("uploadedBy", equalTo("registry.officer"));

        ObjectNode edited = (ObjectNode) readTree(v1);
        ShippedRulebooks.at(edited, "/benchmarks/" + first + "/GAS/supply").put("value", 0.3850).put("confirmed", true);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(edited.toString())
                .put(BASE + "/cycles/" + cycle + "/rulebook").then().statusCode(201).body("version", equalTo(2));

        given().auth().oauth2(Tokens.province("320000")).get(BASE + "/cycles/" + cycle + "/rulebook").then()
                .statusCode(200).body("version", equalTo(2))
                .body("benchmarks." + first + ".GAS.supply.value", equalTo(0.385f));
        given().auth().oauth2(Tokens.province("320000")).get(BASE + "/cycles/" + cycle + "/rulebook?version=1").then()
                .statusCode(200).body("benchmarks." + first + ".GAS.supply.value", equalTo(0.392f));
        List<Integer> versions = given().auth().oauth2(Tokens.ministry())
                .get(BASE + "/cycles/" + cycle + "/rulebook/versions").then().statusCode(200)
                .extract().jsonPath().getList("version", Integer.class);
        assertThat(versions).containsExactly(1, 2);

        // each version went out on carbon.rulebooks.v1, once per compliance year, the whole document with it
        String id = "CN-ETS-" + cycle + "-power";
        for (int year : List.of(first, first + 1)) {
            String key = RulebookPublished.key(id, year);
            List<RulebookPublished> published = KafkaTestClient.readAllOf(Topics.RULEBOOKS, key, Duration.ofSeconds(2))
                    .stream().map(r -> read(KafkaTestClient.envelope(r).data())).toList();
            assertThat(published).extracting(RulebookPublished::version).containsExactly(1, 2);
            assertThat(published).allMatch(p -> p.complianceYear() == year && p.rulebookId().equals(id)
                    && p.cycle().equals(cycle) && p.publishedBy().equals("registry.officer"));
            assertThat(published.get(1).document().at("/benchmarks/" + first + "/GAS/supply/value").decimalValue())
                    .isEqualByComparingTo("0.3850");
        }
    }

    private static RulebookPublished read(com.fasterxml.jackson.databind.JsonNode data) {
        try {
            return KafkaTestClient.json().treeToValue(data, RulebookPublished.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anInvalidUploadNamesEveryFieldAndStoresNothing() {
        long published = OutboxRows.count(Topics.RULEBOOKS, RulebookPublished.key("CN-ETS-2021-2022-power", 2021));
        ObjectNode bad = ShippedRulebooks.tree();
        ShippedRulebooks.at(bad, "/corrections/cooling/factors/AIR").put("value", -1.05);
        ShippedRulebooks.at(bad, "/preAllocation/share").put("value", 1.7);
        bad.put("surprise", true);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(bad.toString())
                .put(BASE + "/cycles/2021-2022/rulebook").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("corrections.cooling.factors.AIR.value"))
                .body("errors.field", hasItem("preAllocation.share.value"))
                .body("errors.field", hasItem("surprise"));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(ShippedRulebooks.tree().toString())
                .put(BASE + "/cycles/2023-2024/rulebook").then().statusCode(422).body("errors.field", hasItem("cycle"));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body("{not json")
                .put(BASE + "/cycles/2021-2022/rulebook").then().statusCode(422);
        // a control character in any text of the upload is refused like in every other body, naming the field
        ObjectNode controlled = ShippedRulebooks.tree();
        controlled.put("title", "规则\u0001");
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(controlled.toString())
                .put(BASE + "/cycles/2021-2022/rulebook").then().statusCode(400)
                .body("errors.field", hasItem("title"));
        given().auth().oauth2(Tokens.registry()).get(BASE + "/cycles/2021-2022/rulebook/versions").then()
                .statusCode(200).body("version", equalTo(List.of(1)));
        assertThat(OutboxRows.count(Topics.RULEBOOKS, RulebookPublished.key("CN-ETS-2021-2022-power", 2021)))
                .as("nothing published").isEqualTo(published).isEqualTo(1);
    }

    @Test
    void onlyTheRegistryWritesAndEveryoneNeedsAValidToken() {
        for (String token : List.of(Tokens.ministry(), Tokens.province("320000"), Tokens.entity("91110000MA0000011M"),
                Tokens.exchange())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(ShippedRulebooks.tree().toString())
                    .put(BASE + "/cycles/2021-2022/rulebook").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
        }
        BadTokens.assertAllRefused("GET", BASE + "/cycles/2021-2022/rulebook", "registry");
        cn.carbon.allocation.Fixtures.refusedWithBody("PUT", BASE + "/cycles/2021-2022/rulebook", "registry",
                "application/json", ShippedRulebooks.tree().toString());
        BadTokens.assertAllRefused("GET", BASE + "/cycles/2021-2022/rulebook/versions", "registry");
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
