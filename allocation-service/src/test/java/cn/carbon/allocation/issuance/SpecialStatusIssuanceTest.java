package cn.carbon.allocation.issuance;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.events;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static cn.carbon.allocation.issuance.Nets.CUSTODY;
import static cn.carbon.allocation.issuance.Nets.ENTITY;
import static cn.carbon.allocation.issuance.Nets.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differentiated issuance to the final position (notice §一) through the API, asserting the instructions and the net
 * per destination and vintage on carbon.allocations.v1 and in allocation_instruction. One coal unit, 1,000,000 MWh:
 * issued 821,800 t (2021) / 817,700 t (2022), pre-allocation 575,260 t / 572,390 t.
 */
@QuarkusTest
class SpecialStatusIssuanceTest {

    static final String PROVINCE = "210000";

    private static String entityWithData(long mwh2022, long emissions2022) {
        String uscc = entity(PROVINCE);
        importOk(PROVINCE, coalRow(uscc, "U1", 2021, 1_000_000, 900_000),
                coalRow(uscc, "U1", 2022, mwh2022, emissions2022));
        return uscc;
    }

    @Test
    void facilitiesClosedAfterThePreAllocationClawsItBackAndIssuesTheWholeVerifiedAllocationToCustody() {
        String uscc = entityWithData(1_000_000, 900_000);
        run("pre-allocation", PROVINCE);
        RunOrderTest.status(PROVINCE, uscc, "FACILITIES_CLOSED");
        run("verification", PROVINCE);

        List<AllocationInstruction> verification = instructions(uscc, 6).stream()
                .filter(i -> i.stage().equals("VERIFICATION") && i.complianceYear() == 2021).toList();
        assertThat(verification).extracting(AllocationInstruction::destination, AllocationInstruction::quantityT)
                .containsExactlyInAnyOrder(Tuple.tuple(ENTITY, 575_260L), Tuple.tuple(CUSTODY, 821_800L));
        assertThat(Nets.publishedEqualsStored(PROVINCE, List.of(uscc)).get(uscc)).isEqualTo(
                Nets.of(at(CUSTODY, "2021"), 821_800, at(CUSTODY, "2022"), 817_700));
        JsonPath a = allocation(uscc);
        assertThat(a.getString("years[0].instructions.find { it.stage == 'VERIFICATION' && it.kind == 'CLAW_BACK' }"
                + ".rule")).contains("notice §一");
    }

    @Test
    void complianceRiskKeepsThePreAllocationAndAVerifiedAllocationBelowItIsClawedBackFromTheEntity() {
        // 2022: 500,000 MWh → 408,850 t (floor 0.8 × 450,000 = 360,000 below it): 163,540 t under the pre-allocation
        String uscc = entityWithData(500_000, 450_000);
        run("pre-allocation", PROVINCE);
        RunOrderTest.status(PROVINCE, uscc, "COMPLIANCE_RISK");
        run("verification", PROVINCE);

        assertThat(Nets.publishedEqualsStored(PROVINCE, List.of(uscc)).get(uscc)).isEqualTo(
                Nets.of(at(ENTITY, "2021"), 575_260, at(CUSTODY, "2021"), 246_540, at(ENTITY, "2022"), 408_850));
        List<AllocationInstruction> clawBack = instructions(uscc, 4).stream()
                .filter(i -> i.stage().equals("VERIFICATION") && i.complianceYear() == 2022).toList();
        assertThat(clawBack).extracting(AllocationInstruction::destination, AllocationInstruction::quantityT)
                .containsExactly(Tuple.tuple(ENTITY, 163_540L));
        assertThat(events(Topics.ALLOCATIONS, uscc, 4)).filteredOn(e -> e.type().equals(AllocationInstruction.CLAW_BACK))
                .hasSize(1);
    }

    @Test
    void aStatusChangeAfterVerificationReroutesInItsTransactionAndAnswersWhatItSent() {
        String uscc = entityWithData(1_000_000, 900_000);
        run("pre-allocation", PROVINCE);
        run("verification", PROVINCE);
        Nets.publishedEqualsStored(PROVINCE, List.of(uscc));

        JsonPath changed = given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON)
                .body(Map.of("status", "FACILITIES_CLOSED", "why", "all units closed after 核定"))
                .put(BASE + "/entities/" + uscc + "/status").then().statusCode(200).extract().jsonPath();
        assertThat(changed.getString("status")).isEqualTo("FACILITIES_CLOSED");
        assertThat(changed.getList("rerouted.year", Integer.class)).containsExactly(2021, 2022);
        assertThat(changed.getList("rerouted[0].instructions")).hasSize(2);
        assertThat(changed.getString("rerouted[0].instructions.find { it.kind == 'CLAW_BACK' }.destination"))
                .isEqualTo(ENTITY);
        assertThat(changed.getLong("rerouted[0].instructions.find { it.kind == 'CLAW_BACK' }.quantityT"))
                .isEqualTo(821_800L);
        assertThat(changed.getLong("rerouted[0].instructions.find { it.kind == 'ISSUE' }.quantityT"))
                .isEqualTo(821_800L);
        assertThat(changed.getString("rerouted[0].instructions[0].vintage")).isEqualTo("2021");
        assertThat(changed.getString("unmovable")).contains("obligationAddedT");

        assertThat(Nets.publishedEqualsStored(PROVINCE, List.of(uscc)).get(uscc)).isEqualTo(
                Nets.of(at(CUSTODY, "2021"), 821_800, at(CUSTODY, "2022"), 817_700));
        // the obligation is republished with the new status
        List<ObligationEvent> obligations = events(Topics.OBLIGATIONS, uscc, 4).stream()
                .map(e -> KafkaTestClient.json().convertValue(e.data(), ObligationEvent.class)).toList();
        assertThat(obligations).filteredOn(o -> o.entityStatus().equals("FACILITIES_CLOSED"))
                .extracting(ObligationEvent::complianceYear).containsExactlyInAnyOrder(2021, 2022);

        // the same change again re-routes nothing
        JsonPath again = given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON)
                .body(Map.of("status", "FACILITIES_CLOSED", "why", "confirmed"))
                .put(BASE + "/entities/" + uscc + "/status").then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("rerouted.instructions.flatten()")).isEmpty();
    }

    @Test
    void aStatusChangeBeforeVerificationReroutesNothing() {
        String uscc = entityWithData(1_000_000, 900_000);
        JsonPath changed = given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON)
                .body(Map.of("status", "COMPLIANCE_RISK", "reasons", List.of("DEBT"), "why", "debts"))
                .put(BASE + "/entities/" + uscc + "/status").then().statusCode(200).extract().jsonPath();
        assertThat(changed.getList("rerouted")).isEmpty();
        List<EventEnvelope> none = cn.carbon.allocation.Fixtures.allEvents(Topics.ALLOCATIONS, uscc);
        assertThat(none).isEmpty();
    }

    private static JsonPath allocation(String uscc) {
        return given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + cn.carbon.allocation.Fixtures.CYCLE + "/entities/" + uscc + "/allocation")
                .then().statusCode(200).extract().jsonPath();
    }

    static List<AllocationInstruction> instructions(String uscc, int atLeast) {
        return events(Topics.ALLOCATIONS, uscc, atLeast).stream()
                .map(e -> KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class)).toList();
    }
}
