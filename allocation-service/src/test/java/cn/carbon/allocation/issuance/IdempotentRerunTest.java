package cn.carbon.allocation.issuance;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.allEvents;
import static cn.carbon.allocation.Fixtures.awaitJob;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.events;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs are idempotent: a re-run with nothing changed publishes nothing; after a change only the difference goes out,
 * with the next instruction id; a year already verified keeps its pre-allocation.
 */
@QuarkusTest
class IdempotentRerunTest {

    static final String PROVINCE = "520000";

    @Test
    void reRunsPublishOnlyWhatChanged() {
        String uscc = entity(PROVINCE);
        importOk(PROVINCE, coalRow(uscc, "U1", 2021, 1_000_000, 900_000), coalRow(uscc, "U1", 2022, 1_000_000, 900_000));

        JsonPath pre = run("pre-allocation", PROVINCE);
        assertThat(pre.getInt("instructions")).isEqualTo(2);
        assertThat(pre.getInt("unitsComputed")).isEqualTo(2);
        assertThat(pre.getDouble("progress")).isEqualTo(1.0);
        JsonPath ver = run("verification", PROVINCE);
        assertThat(ver.getInt("instructions")).isEqualTo(2);
        assertThat(ver.getInt("obligations")).isEqualTo(2);
        events(Topics.ALLOCATIONS, uscc, 4);
        events(Topics.OBLIGATIONS, uscc, 2);

        // nothing changed: nothing is published again
        JsonPath pre2 = run("pre-allocation", PROVINCE);
        assertThat(pre2.getInt("instructions")).isZero();
        assertThat(pre2.getInt("skippedYears")).as("verified years keep their pre-allocation").isEqualTo(2);
        JsonPath ver2 = run("verification", PROVINCE);
        assertThat(ver2.getInt("instructions")).isZero();
        assertThat(ver2.getInt("obligations")).isZero();
        assertThat(allEvents(Topics.ALLOCATIONS, uscc)).hasSize(4);
        assertThat(allEvents(Topics.OBLIGATIONS, uscc)).hasSize(2);

        // the 2022 data are corrected (more output, more emissions): one top-up and one new obligation
        importOk(PROVINCE, coalRow(uscc, "U1", 2022, 1_100_000, 990_000));
        JsonPath ver3 = run("verification", PROVINCE);
        assertThat(ver3.getInt("instructions")).isEqualTo(1);
        assertThat(ver3.getInt("obligations")).isEqualTo(1);
        List<EventEnvelope> allocations = events(Topics.ALLOCATIONS, uscc, 5);
        EventEnvelope topUp = allocations.stream()
                .filter(e -> e.data().get("instructionId").asText().equals(uscc + "-2022-VERIFICATION-2"))
                .findFirst().orElseThrow();
        assertThat(topUp.type()).isEqualTo(AllocationInstruction.ISSUE);
        // 1,100,000 × 0.8177 = 899,470; less 817,700 already issued
        assertThat(topUp.data().get("quantityT").asLong()).isEqualTo(81_770L);
        ObligationEvent latest = events(Topics.OBLIGATIONS, uscc, 3).stream()
                .map(e -> KafkaTestClient.json().convertValue(e.data(), ObligationEvent.class))
                .filter(o -> o.complianceYear() == 2022 && o.obligationT() == 990_000L).findFirst().orElseThrow();
        assertThat(latest.exempt()).isFalse();

        // the correction is audited: the old and new values of the unit-year
        JsonPath a = given().auth().oauth2(Tokens.registry())
                .get(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/allocation").then().statusCode(200)
                .extract().jsonPath();
        assertThat(a.getLong("years[1].issuedT")).isEqualTo(899_470L);
        assertThat(a.getList("years[1].instructions")).hasSize(3);
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyReturnsTheSameJob() {
        String key = java.util.UUID.randomUUID().toString();
        String first = given().auth().oauth2(Tokens.province(PROVINCE)).header("Idempotency-Key", key)
                .post(BASE + "/cycles/" + CYCLE + "/verification").then().statusCode(202).extract().path("id");
        String second = given().auth().oauth2(Tokens.province(PROVINCE)).header("Idempotency-Key", key)
                .post(BASE + "/cycles/" + CYCLE + "/verification").then().statusCode(202).extract().path("id");
        assertThat(second).isEqualTo(first);
        awaitJob(Tokens.province(PROVINCE), first);
    }
}
