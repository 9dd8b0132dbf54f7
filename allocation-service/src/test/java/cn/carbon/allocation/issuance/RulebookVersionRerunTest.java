package cn.carbon.allocation.issuance;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.HEADER;
import static cn.carbon.allocation.Fixtures.awaitJob;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * README, How a run works: a re-run after a new rulebook version publishes exactly the correction, computed with the
 * new version. The cycle is one of this test's own (the shipped rulebook with its years moved), so that the version
 * uploaded here never reaches the other tests' runs of 2021-2022. Province 130000 is shared only with JobOutcomesTest,
 * whose runs are of 2021-2022.
 */
@QuarkusTest
class RulebookVersionRerunTest {

    static final String PROVINCE = "130000";

    @Test
    void aNewVersionOfThePreAllocationShareIsCorrectedByClawBacksAndNothingElse() {
        // years beyond RulebookResourceTest's range (2100-2898), so the two never meet in one cycle
        int first = 2900 + 2 * ThreadLocalRandom.current().nextInt(45);
        int second = first + 1;
        String cycle = first + "-" + second;
        String v1 = ShippedRulebooks.tree().toString().replace("2021-2022", cycle)
                .replace("2021", String.valueOf(first)).replace("2022", String.valueOf(second));
        upload(cycle, v1, 1);

        String uscc = entity(PROVINCE);
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType("text/csv")
                .body(HEADER + "\n" + coalRow(uscc, "U1", first, 1_000_000, 900_000) + "\n"
                        + coalRow(uscc, "U1", second, 1_000_000, 900_000) + "\n")
                .post(BASE + "/cycles/" + cycle + "/units:import").then().statusCode(200);

        // version 1, share 0.70 of the base-year allowance with each year's benchmark: 0.8218 and 0.8177 t/MWh
        JsonPath run1 = preAllocate(cycle);
        assertThat(run1.getInt("rulebookVersion")).isEqualTo(1);
        assertThat(instructions(uscc)).extracting(AllocationInstruction::complianceYear, AllocationInstruction::quantityT,
                AllocationInstruction::rulebookVersion).containsExactly(tuple(first, 575_260L, 1), tuple(second, 572_390L, 1));

        // version 2 lowers the share to 0.60: 493,080 and 490,620 t, so 82,180 and 81,770 t are clawed back
        ObjectNode v2 = (ObjectNode) KafkaTestClient.json().valueToTree(readTree(v1));
        ShippedRulebooks.at(v2, "/preAllocation/share").put("value", 0.60);
        upload(cycle, v2.toString(), 2);
        JsonPath run2 = preAllocate(cycle);
        assertThat(run2.getInt("rulebookVersion")).isEqualTo(2);
        List<EventEnvelope> events = OutboxRows.events(Topics.ALLOCATIONS, uscc);
        assertThat(events).extracting(EventEnvelope::type).containsExactly(AllocationInstruction.ISSUE,
                AllocationInstruction.ISSUE, AllocationInstruction.CLAW_BACK, AllocationInstruction.CLAW_BACK);
        assertThat(instructions(uscc).subList(2, 4)).extracting(AllocationInstruction::complianceYear,
                        AllocationInstruction::quantityT, AllocationInstruction::rulebookVersion)
                .containsExactlyInAnyOrder(tuple(first, 82_180L, 2), tuple(second, 81_770L, 2));
        given().auth().oauth2(Tokens.entity(uscc)).get(BASE + "/cycles/" + cycle + "/entities/" + uscc + "/allocation")
                .then().statusCode(200)
                .body("years[0].preAllocation.preAllocatedT", org.hamcrest.Matchers.equalTo(493_080))
                .body("years[1].preAllocation.preAllocatedT", org.hamcrest.Matchers.equalTo(490_620))
                .body("years[0].issuedT", org.hamcrest.Matchers.equalTo(493_080));

        // the same version again: nothing more
        JsonPath run3 = preAllocate(cycle);
        assertThat(run3.getInt("instructions")).isZero();
        assertThat(OutboxRows.count(Topics.ALLOCATIONS, uscc)).isEqualTo(4);
        // and exactly those four went out on the topic
        assertThat(KafkaTestClient.readAllOf(Topics.ALLOCATIONS, uscc, Duration.ofSeconds(3))).hasSize(4);
    }

    private static List<AllocationInstruction> instructions(String uscc) {
        return OutboxRows.events(Topics.ALLOCATIONS, uscc).stream()
                .map(e -> KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class)).toList();
    }

    private static JsonPath preAllocate(String cycle) {
        String id = given().auth().oauth2(Tokens.province(PROVINCE)).post(BASE + "/cycles/" + cycle + "/pre-allocation")
                .then().statusCode(202).extract().path("id");
        return awaitJob(Tokens.province(PROVINCE), id);
    }

    private static void upload(String cycle, String rulebook, int expectedVersion) {
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(rulebook)
                .put(BASE + "/cycles/" + cycle + "/rulebook").then().statusCode(201)
                .body("version", org.hamcrest.Matchers.equalTo(expectedVersion));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return KafkaTestClient.json().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
