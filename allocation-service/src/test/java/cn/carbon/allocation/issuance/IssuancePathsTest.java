package cn.carbon.allocation.issuance;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.allocation.OutboxRows;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.events;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static cn.carbon.allocation.Fixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each status's issuance path (notice §一) through the API and the published events. One coal unit, 1,000,000 MWh at
 * load 0.90 both years, emissions 900,000 t: A(2021) = 821,800 t, A(2022) = 817,700 t; pre-allocation on 2021 data
 * 575,260 t (2021) and 572,390 t (2022); true-ups 246,540 t and 245,310 t.
 */
@QuarkusTest
class IssuancePathsTest {

    static final String PROVINCE = "510000";

    private String entityWithData() {
        String uscc = entity(PROVINCE);
        importOk(PROVINCE, coalRow(uscc, "U1", 2021, 1_000_000, 900_000), coalRow(uscc, "U1", 2022, 1_000_000, 900_000));
        return uscc;
    }

    @Test
    void operatingEntityGetsEverythingInItsOwnAccount() {
        String uscc = entityWithData();
        run("pre-allocation", PROVINCE);
        run("verification", PROVINCE);

        List<AllocationInstruction> issued = instructions(uscc, 4);
        assertThat(issued).extracting(AllocationInstruction::instructionId).containsExactlyInAnyOrder(
                uscc + "-2021-PRE_ALLOCATION-1", uscc + "-2022-PRE_ALLOCATION-1",
                uscc + "-2021-VERIFICATION-1", uscc + "-2022-VERIFICATION-1");
        assertThat(issued).allSatisfy(i -> {
            assertThat(i.destination()).isEqualTo(AllocationInstruction.ENTITY_ACCOUNT);
            assertThat(i.cycle()).isEqualTo(CYCLE);
            assertThat(i.provinceCode()).isEqualTo(PROVINCE);
            assertThat(i.rulebookId()).isEqualTo("CN-ETS-2021-2022-power");
        });
        assertThat(quantity(issued, uscc + "-2021-PRE_ALLOCATION-1")).isEqualTo(575_260L);
        assertThat(quantity(issued, uscc + "-2022-PRE_ALLOCATION-1")).isEqualTo(572_390L);
        assertThat(quantity(issued, uscc + "-2021-VERIFICATION-1")).isEqualTo(246_540L);
        assertThat(quantity(issued, uscc + "-2022-VERIFICATION-1")).isEqualTo(245_310L);
        assertThat(typesOf(uscc)).containsOnly(AllocationInstruction.ISSUE);

        List<ObligationEvent> obligations = obligations(uscc, 2);
        assertThat(obligations).extracting(ObligationEvent::complianceYear).containsExactlyInAnyOrder(2021, 2022);
        assertThat(obligations).allSatisfy(o -> {
            assertThat(o.obligationT()).isEqualTo(900_000L);
            assertThat(o.exempt()).isFalse();
            assertThat(o.entityStatus()).isEqualTo("OPERATING");
        });

        JsonPath a = allocation(uscc);
        assertThat(a.getLong("years[0].issuedT")).isEqualTo(821_800L);
        assertThat(a.getLong("years[1].issuedT")).isEqualTo(817_700L);
        assertThat(a.getString("years[0].destination")).isEqualTo("ENTITY_ACCOUNT");
        assertThat(a.getLong("years[0].preAllocation.preAllocatedT")).isEqualTo(575_260L);
        assertThat(a.getLong("years[0].verification.verifiedAllocationT")).isEqualTo(821_800L);
        assertThat(a.getInt("years[0].verification.rulebook.version")).isPositive();
        assertThat(a.getString("years[0].units[0].unitId")).isEqualTo("U1");
        assertThat(a.getLong("years[0].units[0].verification.allowanceT")).isEqualTo(821_800L);
        assertThat(a.getLong("years[1].units[0].preAllocation.preAllocatedT")).isEqualTo(572_390L);
        assertThat(a.getString("years[0].units[0].verification.load.basis")).contains("0.90");
        assertThat(a.getDouble("years[0].units[0].verification.supplyBenchmark")).isEqualTo(0.8218);
    }

    @Test
    void facilitiesClosedEntityGetsNoPreAllocationAndEverythingInCustody() {
        String uscc = entityWithData();
        status(PROVINCE, uscc, "FACILITIES_CLOSED", List.of());
        run("pre-allocation", PROVINCE);
        run("verification", PROVINCE);

        List<AllocationInstruction> issued = instructions(uscc, 2);
        assertThat(issued).extracting(AllocationInstruction::stage).containsOnly("VERIFICATION");
        assertThat(issued).extracting(AllocationInstruction::destination)
                .containsOnly(AllocationInstruction.PROVINCIAL_CUSTODY);
        assertThat(issued).extracting(AllocationInstruction::quantityT).containsExactlyInAnyOrder(821_800L, 817_700L);
        assertThat(obligations(uscc, 2)).allSatisfy(o -> {
            assertThat(o.obligationT()).isEqualTo(900_000L);
            assertThat(o.entityStatus()).isEqualTo("FACILITIES_CLOSED");
        });
        JsonPath a = allocation(uscc);
        assertThat(a.getLong("years[0].preAllocation.computedT")).isEqualTo(575_260L);
        assertThat(a.getLong("years[0].preAllocation.preAllocatedT")).isZero();
        assertThat(a.getString("years[0].preAllocation.withheldReason")).contains("notice §一");
        assertThat(a.getString("years[0].destination")).isEqualTo("PROVINCIAL_CUSTODY");
    }

    @Test
    void complianceRiskEntityKeepsItsPreAllocationAndTheVerificationAmountGoesToCustody() {
        String uscc = entityWithData();
        run("pre-allocation", PROVINCE);
        status(PROVINCE, uscc, "COMPLIANCE_RISK", List.of("JUDICIAL_FREEZE", "DEBT"));
        run("verification", PROVINCE);

        List<AllocationInstruction> issued = instructions(uscc, 4);
        assertThat(issued).filteredOn(i -> i.stage().equals("PRE_ALLOCATION"))
                .extracting(AllocationInstruction::destination).containsOnly(AllocationInstruction.ENTITY_ACCOUNT);
        assertThat(issued).filteredOn(i -> i.stage().equals("VERIFICATION"))
                .extracting(AllocationInstruction::destination, AllocationInstruction::quantityT)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("PROVINCIAL_CUSTODY", 246_540L),
                        org.assertj.core.groups.Tuple.tuple("PROVINCIAL_CUSTODY", 245_310L));
        assertThat(obligations(uscc, 2)).extracting(ObligationEvent::entityStatus).containsOnly("COMPLIANCE_RISK");
    }

    @Test
    void dissolvedEntityGetsNothingAndHasNoObligation() {
        String uscc = entityWithData();
        status(PROVINCE, uscc, "DISSOLVED", List.of());
        run("pre-allocation", PROVINCE);
        run("verification", PROVINCE);

        List<ObligationEvent> obligations = obligations(uscc, 2);
        assertThat(obligations).allSatisfy(o -> {
            assertThat(o.exempt()).isTrue();
            assertThat(o.obligationT()).isZero();
            assertThat(o.entityStatus()).isEqualTo("DISSOLVED");
        });
        // nothing was, or will be, published: no outbox row, and nothing on the topic before a sentinel of the key
        assertThat(OutboxRows.count(Topics.ALLOCATIONS, uscc)).isZero();
        assertThat(KafkaTestClient.readBeforeSentinel(Topics.ALLOCATIONS, uscc)).isEmpty();
        JsonPath a = allocation(uscc);
        assertThat(a.getLong("years[0].issuedT")).isZero();
        assertThat(a.getBoolean("years[0].verification.obligationExempt")).isTrue();
    }

    @Test
    void anEntityDissolvedAfterItsPreAllocationHasItClawedBackAtVerification() {
        String uscc = entityWithData();
        run("pre-allocation", PROVINCE);
        status(PROVINCE, uscc, "DISSOLVED", List.of());
        run("verification", PROVINCE);

        List<EventEnvelope> events = events(Topics.ALLOCATIONS, uscc, 4);
        assertThat(events).filteredOn(e -> e.type().equals(AllocationInstruction.CLAW_BACK)).hasSize(2);
        List<AllocationInstruction> all = instructions(uscc, 4);
        assertThat(all).filteredOn(i -> i.stage().equals("VERIFICATION"))
                .extracting(AllocationInstruction::quantityT).containsExactlyInAnyOrder(575_260L, 572_390L);
        assertThat(allocation(uscc).getLong("years[0].issuedT")).isZero();
    }

    private static JsonPath allocation(String uscc) {
        return given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/allocation")
                .then().statusCode(200).extract().jsonPath();
    }

    static List<AllocationInstruction> instructions(String uscc, int atLeast) {
        return events(Topics.ALLOCATIONS, uscc, atLeast).stream()
                .map(e -> cn.carbon.testing.KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class))
                .toList();
    }

    static List<ObligationEvent> obligations(String uscc, int atLeast) {
        return events(Topics.OBLIGATIONS, uscc, atLeast).stream()
                .map(e -> cn.carbon.testing.KafkaTestClient.json().convertValue(e.data(), ObligationEvent.class))
                .toList();
    }

    private static List<String> typesOf(String uscc) {
        return events(Topics.ALLOCATIONS, uscc, 4).stream().map(EventEnvelope::type).toList();
    }

    private static long quantity(List<AllocationInstruction> is, String id) {
        return is.stream().filter(i -> i.instructionId().equals(id)).findFirst().orElseThrow().quantityT();
    }
}
