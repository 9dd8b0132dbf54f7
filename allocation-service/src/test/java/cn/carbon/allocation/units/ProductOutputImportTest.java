package cn.carbon.allocation.units;

import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.HEADER;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.ownYear;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The product output column of the unit import (the shipped 2025 rulebook, its year moved to one of this test's own):
 * appended after power_generation_mwh, required and > 0 on a line allocated by intensity, blank on a power unit; the
 * earlier headers still import.
 */
@QuarkusTest
class ProductOutputImportTest {

    static final String PROVINCE = "540000";
    static final String FULL_HEADER = HEADER + ",power_generation_mwh,product_output_t";

    @Test
    void aBadProductOutputIsNamedByRowAndColumnAndNothingIsStored() {
        String cycle = String.valueOf(ownYear("CN-ETS-2025.json", "2025", 6100, book -> book));
        String steel = steelEntity();
        String power = entity(PROVINCE);
        String csv = FULL_HEADER + "\n" + String.join("\n",
                line(steel, "BF1", cycle, "STEEL_BF_BOF", "2000000"),                     // 1 good
                line(steel, "BF2", cycle, "STEEL_BF_BOF", "0"),                           // 2 zero
                line(steel, "BF3", cycle, "STEEL_BF_BOF", "-5"),                          // 3 negative
                line(steel, "BF4", cycle, "STEEL_BF_BOF", "2Mt"),                           // 4 not a number
                line(steel, "K1", cycle, "CEMENT_CLINKER", ""),                           // 5 missing
                String.join(",", power, "U1", cycle, "GAS", "WATER", "300", "940000", "0", "0", "", "400000",
                        "1000000", "5000")) + "\n";                                       // 6 a power unit with output
        JsonPath problem = importCsv(cycle, csv).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/invalid-unit-data"))
                .extract().jsonPath();
        List<Map<String, Object>> errors = problem.getList("errors");
        assertThat(errors).extracting(e -> e.get("row")).containsExactly(2, 3, 4, 5, 6);
        assertThat(errors).extracting(e -> e.get("column")).containsOnly("product_output_t");
        assertThat(errors).extracting(e -> (String) e.get("message")).satisfiesExactly(
                m -> assertThat(m).contains("must be within (0, 1000000000], was 0"),
                m -> assertThat(m).contains("was -5"),
                m -> assertThat(m).contains("must be a number, was '2Mt'"),
                m -> assertThat(m).contains("productOutputT: missing").contains("熟料产量"),
                m -> assertThat(m).isEqualTo("must be blank: category GAS is not allocated on its product output "
                        + "(POWER_BENCHMARK)"));
        // all rows or none: the good row was not stored either
        importCsv(cycle, FULL_HEADER + "\n" + line(steel, "BF1", cycle, "STEEL_BF_BOF", "2000000") + "\n")
                .then().statusCode(200).body("inserted", equalTo(1)).body("unchanged", equalTo(0));
    }

    @Test
    void theEarlierHeadersStillImportAndALineNeedsTheNewColumn() {
        String cycle = String.valueOf(ownYear("CN-ETS-2025.json", "2025", 6100, book -> book));
        String steel = steelEntity();
        String power = entity(PROVINCE);
        // the header with gross generation: power imports as before
        importCsv(cycle, HEADER + ",power_generation_mwh\n" + String.join(",", power, "U1", cycle,
                "COAL_300MW_AND_BELOW", "WATER", "300", "940000", "0", "0", "0.90", "850000", "1000000") + "\n")
                .then().statusCode(200).body("inserted", equalTo(1));
        // a line of an INTENSITY category without the column is refused, naming what it lacks
        importCsv(cycle, HEADER + ",power_generation_mwh\n" + String.join(",", steel, "BF1", cycle, "STEEL_BF_BOF",
                "", "", "", "", "", "", "3500000", "") + "\n")
                .then().statusCode(422).body("errors[0].row", equalTo(1))
                .body("errors[0].column", equalTo("product_output_t"));
        importCsv(cycle, FULL_HEADER + "\n" + line(steel, "BF1", cycle, "STEEL_BF_BOF", "2000000") + "\n")
                .then().statusCode(200).body("inserted", equalTo(1));
    }

    static String line(String uscc, String unit, String cycle, String category, String outputT) {
        return String.join(",", uscc, unit, cycle, category, "", "", "", "", "", "", "3500000", "", outputT);
    }

    static String steelEntity() {
        String uscc = TestUscc.next(PROVINCE);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "测试钢铁" + uscc.substring(12), "provinceCode", PROVINCE,
                        "sector", "STEEL"))
                .post(BASE + "/entities").then().statusCode(201);
        return uscc;
    }

    private static io.restassured.response.Response importCsv(String cycle, String csv) {
        return given().auth().oauth2(Tokens.province(PROVINCE)).contentType("text/csv").body(csv)
                .post(BASE + "/cycles/" + cycle + "/units:import");
    }
}
