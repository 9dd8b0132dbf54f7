package cn.carbon.allocation.tables;

import cn.carbon.allocation.issuance.NetsAccess;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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
 * Dissolved means nothing (notice §一: 不予分配、不参与履约): whether dissolved before the pre-allocation or after the
 * verification, the official tables show 0 核定 and 0 obligation with the special note, the ledger's net is 0 in
 * every account and vintage; the unit detail shows the engine's figure labelled not issued (未发放).
 */
@QuarkusTest
class DissolvedTablesTest {

    static final String PROVINCE = "220000";

    static String early;
    static String late;

    @BeforeEach
    void dissolveOneBeforeAndOneAfterVerificationOnce() {
        if (late != null) {
            return;
        }
        early = entity(PROVINCE);
        importOk(PROVINCE, coalRow(early, "U1", 2021, 1_000_000, 900_000),
                coalRow(early, "U1", 2022, 1_000_000, 900_000));
        status(PROVINCE, early, "DISSOLVED", List.of());
        String l = entity(PROVINCE);
        importOk(PROVINCE, coalRow(l, "U1", 2021, 1_000_000, 900_000), coalRow(l, "U1", 2022, 1_000_000, 900_000));
        run("pre-allocation", PROVINCE);
        run("verification", PROVINCE);
        status(PROVINCE, l, "DISSOLVED", List.of()); // after 核定: everything clawed back
        late = l;
    }

    @Test
    void theLedgerNetIsZeroInEveryAccountAndVintage() {
        Map<String, Map<String, Long>> nets = NetsAccess.publishedEqualsStored(PROVINCE, List.of(early, late));
        assertThat(nets.get(early)).isEmpty();
        assertThat(nets.get(late)).isEmpty();
        List<ObligationEvent> obligations = events(Topics.OBLIGATIONS, late, 4).stream()
                .map(e -> KafkaTestClient.json().convertValue(e.data(), ObligationEvent.class)).toList();
        assertThat(obligations).filteredOn(o -> o.entityStatus().equals("DISSOLVED")).hasSize(2)
                .allSatisfy(o -> {
                    assertThat(o.obligationT()).isZero();
                    assertThat(o.exempt()).isTrue();
                });
    }

    @Test
    void theIssuanceSummaryShowsZeroVerifiedAndZeroObligationWithTheNote() {
        JsonPath json = given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().jsonPath();
        for (String u : List.of(early, late)) {
            Map<String, Object> row = json.getMap("items.find { it.uscc == '" + u + "' }");
            for (int y : List.of(2021, 2022)) {
                assertThat(row.get("verified_" + y)).as("%s verified_%d", u, y).isEqualTo(0);
                assertThat(row.get("obligation_" + y)).as("%s obligation_%d", u, y).isEqualTo(0);
                assertThat(row.get("issued_" + y)).isEqualTo(0);
                assertThat(row.get("pre_allocated_" + y)).isEqualTo(0);
                assertThat(row.get("relief_" + y)).isEqualTo(0);
            }
            assertThat(row.get("destination")).isNull();
            assertThat((String) row.get("special_notes")).contains("DISSOLVED").contains("注销")
                    .contains("no obligation");
        }
        String csv = given().auth().oauth2(Tokens.province(PROVINCE)).accept("text/csv")
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().asString();
        String line = csv.lines().filter(l -> l.startsWith(late)).findFirst().orElseThrow();
        assertThat(line).doesNotContain("821800").doesNotContain("900000").doesNotContain("575260");
    }

    @Test
    void theSpecialListShowsNoObligation() {
        JsonPath json = given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/tables/special-list").then().statusCode(200).extract().jsonPath();
        for (String u : List.of(early, late)) {
            Map<String, Object> row = json.getMap("items.find { it.uscc == '" + u + "' }");
            assertThat(row.get("obligation")).isEqualTo("EXEMPT");
            assertThat(row.get("destination")).isNull();
        }
    }

    @Test
    void theUnitDetailShowsTheEnginesFigureLabelledNotIssued() {
        JsonPath json = given().auth().oauth2(Tokens.province(PROVINCE)).queryParam("year", 2021)
                .get(BASE + "/cycles/" + CYCLE + "/tables/unit-allowances").then().statusCode(200).extract().jsonPath();
        Map<String, Object> unit = json.getMap("items.find { it.uscc == '" + late + "' }");
        assertThat(unit.get("allowance_t")).isEqualTo(821_800);
        assertThat((String) unit.get("issuance")).contains("未发放").contains("not issued");

        JsonPath a = given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/entities/" + late + "/allocation").then().statusCode(200)
                .extract().jsonPath();
        assertThat(a.getLong("years[0].issuedT")).isZero();
        assertThat(a.getString("years[0].issuance")).contains("未发放");
        assertThat(a.getBoolean("years[0].verification.obligationExempt")).isTrue();
    }
}
