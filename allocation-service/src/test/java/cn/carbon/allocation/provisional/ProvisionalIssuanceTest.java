package cn.carbon.allocation.provisional;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.allocation.jobs.Job;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.HEADER;
import static cn.carbon.allocation.Fixtures.awaitFinished;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.ownYear;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A year of the next cycles (the shipped 2023 power rulebook, its year moved to one of this test's own): no
 * pre-allocation, gross generation, no borrowing, and figures from provisional benchmarks stored and shown but issued
 * only after two registry officers confirmed the version (four eyes).
 */
@QuarkusTest
class ProvisionalIssuanceTest {

    static final String PROVINCE = "150000";

    @Test
    void figuresFromProvisionalValuesWaitForTwoOfficersThenTheNextRunIssuesThem() {
        int year = ownYear("CN-ETS-2023-power.json", "2023", 3100, book -> book);
        String cycle = String.valueOf(year);
        String confirmations = BASE + "/cycles/" + cycle + "/rulebook/versions/1/provisional-confirmations";

        String uscc = entity(PROVINCE);
        // the first header with gross generation appended; net supply 940,000 MWh, gross generation 1,000,000 MWh
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType("text/csv")
                .body(HEADER + ",power_generation_mwh\n" + String.join(",", uscc, "U1", cycle, "COAL_300MW_AND_BELOW",
                        "WATER", "300", "940000", "0", "0", "0.90", "850000", "1000000") + "\n")
                .post(BASE + "/cycles/" + cycle + "/units:import").then().statusCode(200);

        given().auth().oauth2(Tokens.province(PROVINCE)).post(BASE + "/cycles/" + cycle + "/pre-allocation")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://carbon.example/problems/no-pre-allocation"));

        // 1,000,000 MWh × 0.7984 (provisional) = 798,400 t: computed, shown, not issued
        JsonPath withheld = verify(cycle);
        assertThat(withheld.getString("status")).isEqualTo(Job.COMPLETED_WITH_ERRORS);
        assertThat(withheld.getString("errors[0].message")).startsWith("ISSUANCE_WITHHELD")
                .contains("benchmarks." + year + ".COAL_300MW_AND_BELOW.generation").contains("0 of 2");
        assertThat(OutboxRows.count(Topics.ALLOCATIONS, uscc)).isZero();
        allocation(cycle, uscc)
                .body("years[0].verification.verifiedAllocationT", equalTo(798_400))
                .body("years[0].verification.issuanceWithheld", equalTo(true))
                .body("years[0].verification.provisionalValues", hasItem("benchmarks." + year
                        + ".COAL_300MW_AND_BELOW.generation"))
                .body("years[0].units[0].verification.outputBasis", equalTo("GROSS_GENERATION"))
                .body("years[0].units[0].verification.inputs.powerGenerationMwh", equalTo(1_000_000))
                .body("years[0].units[0].verification.heatSupply.basis",
                        equalTo("no heatSupply factor in rulebook CN-ETS-" + year + "-power@v1"));

        // four eyes: one officer once, a note required, then a second officer
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(Map.of())
                .post(confirmations).then().statusCode(400).body("errors.field", contains("note"));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("note", "基准值与方案正式文本核对一致")).post(confirmations).then().statusCode(201)
                .body("issuanceReleased", equalTo(false)).body("confirmations.size()", equalTo(1));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("note", "again")).post(confirmations).then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/already-confirmed"));
        assertThat(verify(cycle).getString("errors[0].message")).contains("1 of 2");
        assertThat(OutboxRows.count(Topics.ALLOCATIONS, uscc)).isZero();
        given().auth().oauth2(Tokens.registryApprover()).contentType(ContentType.JSON)
                .body(Map.of("note", "复核通过")).post(confirmations).then().statusCode(201)
                .body("issuanceReleased", equalTo(true)).body("officersNeeded", equalTo(2));
        given().auth().oauth2(Tokens.province(PROVINCE)).get(confirmations).then().statusCode(200)
                .body("issuanceReleased", equalTo(true)).body("confirmations.note", containsInAnyOrder("基准值与方案正式文本核对一致",
                        "复核通过"));

        JsonPath released = verify(cycle);
        assertThat(released.getString("status")).isEqualTo(Job.SUCCEEDED);
        assertThat(OutboxRows.events(Topics.ALLOCATIONS, uscc)).singleElement().satisfies(e -> {
            AllocationInstruction i = KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class);
            assertThat(i.quantityT()).isEqualTo(798_400L);
            assertThat(i.vintage()).isEqualTo(cycle);
        });
        allocation(cycle, uscc).body("years[0].verification.issuanceWithheld", equalTo(false))
                .body("years[0].issuedT", equalTo(798_400));

        // borrowing is abolished in this cycle
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("complianceYear", year, "quantityT", 1000, "reason", "经营困难"))
                .post(BASE + "/cycles/" + cycle + "/borrowing-applications").then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/borrowing-not-available"))
                .body("errors.field", contains("complianceYear"));
    }

    private static JsonPath verify(String cycle) {
        String id = given().auth().oauth2(Tokens.province(PROVINCE)).post(BASE + "/cycles/" + cycle + "/verification")
                .then().statusCode(202).extract().path("id");
        return awaitFinished(Tokens.province(PROVINCE), id);
    }

    private static io.restassured.response.ValidatableResponse allocation(String cycle, String uscc) {
        return given().auth().oauth2(Tokens.entity(uscc))
                .get(BASE + "/cycles/" + cycle + "/entities/" + uscc + "/allocation").then().statusCode(200);
    }
}
