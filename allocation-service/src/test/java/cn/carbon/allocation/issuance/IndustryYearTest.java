package cn.carbon.allocation.issuance;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
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
import static org.hamcrest.Matchers.equalTo;

/**
 * The 2024 year with steel, cement and aluminium (the shipped 2024 rulebook, its year moved to one of this test's own):
 * a steel line imported without cooling, power or heat is allocated its verified emissions and issued at once, while a
 * power unit of the same run waits for the four-eyes release of its provisional benchmark.
 */
@QuarkusTest
class IndustryYearTest {

    static final String PROVINCE = "620000";

    @Test
    void aSteelLineIsIssuedItsVerifiedEmissionsWhilePowerWaitsForFourEyes() {
        String cycle = String.valueOf(ownYear("CN-ETS-2024.json", "2024", 4900, book -> book));

        String steel = TestUscc.next(PROVINCE);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("uscc", steel, "name", "测试钢铁" + steel.substring(12), "provinceCode", PROVINCE,
                        "sector", "STEEL"))
                .post(BASE + "/entities").then().statusCode(201).body("sector", equalTo("STEEL"));
        String power = entity(PROVINCE);
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType("text/csv")
                .body(HEADER + ",power_generation_mwh\n"
                        + String.join(",", steel, "BF1", cycle, "STEEL_BF_BOF", "", "", "", "", "", "", "3200000", "")
                        + "\n" + String.join(",", power, "U1", cycle, "COAL_300MW_AND_BELOW", "WATER", "300", "940000",
                        "0", "0", "0.90", "850000", "1000000") + "\n")
                .post(BASE + "/cycles/" + cycle + "/units:import").then().statusCode(200);

        String id = given().auth().oauth2(Tokens.province(PROVINCE)).post(BASE + "/cycles/" + cycle + "/verification")
                .then().statusCode(202).extract().path("id");
        JsonPath job = awaitFinished(Tokens.province(PROVINCE), id);
        assertThat(job.getList("errors.uscc")).containsExactly(power);

        assertThat(OutboxRows.events(Topics.ALLOCATIONS, steel)).singleElement().satisfies(e -> assertThat(
                KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class).quantityT())
                .isEqualTo(3_200_000L));
        assertThat(OutboxRows.count(Topics.ALLOCATIONS, power)).isZero();
        given().auth().oauth2(Tokens.entity(steel)).get(BASE + "/cycles/" + cycle + "/entities/" + steel + "/allocation")
                .then().statusCode(200)
                .body("years[0].verification.obligationT", equalTo(3_200_000))
                .body("years[0].verification.gapT", equalTo(0))
                .body("years[0].issuedT", equalTo(3_200_000))
                .body("years[0].units[0].verification.inputs.cooling", equalTo(null))
                .body("years[0].units[0].verification.heatSupply.basis",
                        equalTo("allocation = verified emissions (VERIFIED_EMISSIONS, STEEL)"));
    }
}
