package cn.carbon.allocation.issuance;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.allocation.jobs.Job;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.HEADER;
import static cn.carbon.allocation.Fixtures.awaitFinished;
import static cn.carbon.allocation.Fixtures.ownYear;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The 2025 year of steel, cement and aluminium on the intensity method (the shipped 2025 rulebook, its year moved to one
 * of this test's own): a steel line's figure is its crude steel × the provisional placeholder benchmark × coefficient,
 * stored and shown (entity allocation, 机组核定配额明细表) but issued only after two registry officers confirmed the
 * version (four eyes).
 */
@QuarkusTest
class IntensityYearTest {

    static final String PROVINCE = "430000";
    static final String BENCHMARK = "categories.STEEL_BF_BOF.value.intensityBenchmark";
    static final String COEFFICIENT = "categories.STEEL_BF_BOF.value.balanceCoefficient";

    @Test
    void aSteelLineOnTheIntensityMethodWaitsForTwoOfficersThenTheNextRunIssuesIt() {
        String cycle = String.valueOf(ownYear("CN-ETS-2025.json", "2025", 6900, book -> book));
        String confirmations = BASE + "/cycles/" + cycle + "/rulebook/versions/1/provisional-confirmations";
        String steel = TestUscc.next(PROVINCE);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("uscc", steel, "name", "测试钢铁" + steel.substring(12), "provinceCode", PROVINCE,
                        "sector", "STEEL"))
                .post(BASE + "/entities").then().statusCode(201);
        // 2,000,000 t crude steel; verified emissions 3,500,000 t
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType("text/csv")
                .body(HEADER + ",power_generation_mwh,product_output_t\n" + String.join(",", steel, "BF1", cycle,
                        "STEEL_BF_BOF", "", "", "", "", "", "", "3500000", "", "2000000") + "\n")
                .post(BASE + "/cycles/" + cycle + "/units:import").then().statusCode(200);

        // 2,000,000 × 1.8 (placeholder, provisional) × 1.0 (placeholder, provisional) = 3,600,000 t: shown, not issued
        JsonPath withheld = verify(cycle);
        assertThat(withheld.getString("status")).isEqualTo(Job.COMPLETED_WITH_ERRORS);
        assertThat(withheld.getString("errors[0].message")).startsWith("ISSUANCE_WITHHELD").contains(BENCHMARK)
                .contains(COEFFICIENT).contains("0 of 2");
        assertThat(OutboxRows.count(Topics.ALLOCATIONS, steel)).isZero();
        allocation(cycle, steel)
                .body("years[0].verification.verifiedAllocationT", equalTo(3_600_000))
                .body("years[0].verification.obligationT", equalTo(3_500_000))
                .body("years[0].verification.issuanceWithheld", equalTo(true))
                .body("years[0].verification.provisionalValues", contains(BENCHMARK, COEFFICIENT))
                .body("years[0].issuedT", equalTo(0))
                .body("years[0].units[0].verification.inputs.productOutputT", equalTo(2_000_000))
                .body("years[0].units[0].verification.inputs.cooling", equalTo(null))
                .body("years[0].units[0].verification.intensityBenchmark", equalTo(1.8f))
                .body("years[0].units[0].verification.balanceCoefficient", equalTo(1.0f))
                .body("years[0].units[0].verification.allowanceT", equalTo(3_600_000))
                .body("years[0].units[0].verification.provisionalValues", contains(BENCHMARK, COEFFICIENT));

        // 机组核定配额明细表: the line's output, benchmark and coefficient, and the provisional values it used
        JsonPath table = given().auth().oauth2(Tokens.province(PROVINCE)).accept(ContentType.JSON)
                .get(BASE + "/cycles/" + cycle + "/tables/unit-allowances").then().statusCode(200)
                .extract().jsonPath();
        assertThat(table.getList("columns", String.class)).endsWith("provisional_values", "product_output_t",
                "intensity_benchmark", "balance_coefficient");
        List<Map<String, Object>> items = table.getList("items");
        assertThat(items).singleElement().satisfies(row -> {
            assertThat(row.get("uscc")).isEqualTo(steel);
            assertThat(row.get("category")).isEqualTo("STEEL_BF_BOF");
            assertThat(((Number) row.get("product_output_t")).longValue()).isEqualTo(2_000_000L);
            assertThat(((Number) row.get("intensity_benchmark")).floatValue()).isEqualTo(1.8f);
            assertThat(((Number) row.get("balance_coefficient")).floatValue()).isEqualTo(1.0f);
            assertThat(((Number) row.get("allowance_t")).longValue()).isEqualTo(3_600_000L);
            assertThat(row.get("provisional_values")).isEqualTo(BENCHMARK + "; " + COEFFICIENT);
        });
        String csv = given().auth().oauth2(Tokens.province(PROVINCE)).accept("text/csv")
                .get(BASE + "/cycles/" + cycle + "/tables/unit-allowances").then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")[0]).endsWith(",product_output_t,intensity_benchmark,balance_coefficient");

        // four eyes: one officer is not enough; the second releases and the next run issues the figure
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("note", "强度基准值已核对")).post(confirmations).then().statusCode(201)
                .body("issuanceReleased", equalTo(false));
        assertThat(verify(cycle).getString("errors[0].message")).startsWith("ISSUANCE_WITHHELD").contains("1 of 2");
        assertThat(OutboxRows.count(Topics.ALLOCATIONS, steel)).isZero();
        given().auth().oauth2(Tokens.registryApprover()).contentType(ContentType.JSON)
                .body(Map.of("note", "复核通过")).post(confirmations).then().statusCode(201)
                .body("issuanceReleased", equalTo(true));

        JsonPath released = verify(cycle);
        assertThat(released.getString("status")).isEqualTo(Job.SUCCEEDED);
        assertThat(OutboxRows.events(Topics.ALLOCATIONS, steel)).singleElement().satisfies(e -> {
            AllocationInstruction i = KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class);
            assertThat(i.quantityT()).isEqualTo(3_600_000L);
            assertThat(i.vintage()).isEqualTo(cycle);
        });
        allocation(cycle, steel).body("years[0].verification.issuanceWithheld", equalTo(false))
                .body("years[0].issuedT", equalTo(3_600_000));
    }

    private static JsonPath verify(String cycle) {
        String id = given().auth().oauth2(Tokens.province(PROVINCE)).post(BASE + "/cycles/" + cycle + "/verification")
                .then().statusCode(202).extract().path("id");
        return awaitFinished(Tokens.province(PROVINCE), id);
    }

    private static ValidatableResponse allocation(String cycle, String uscc) {
        return given().auth().oauth2(Tokens.entity(uscc))
                .get(BASE + "/cycles/" + cycle + "/entities/" + uscc + "/allocation").then().statusCode(200);
    }
}
