package cn.carbon.allocation.units;

import cn.carbon.testing.BadTokens;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.HEADER;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.csv;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.importUnits;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The unit data import: all rows or none, every bad row named, re-imports replaced with an audit entry. */
@QuarkusTest
class UnitImportTest {

    static final String PROVINCE = "650000";
    static final String OTHER = "120000";

    @Inject
    EntityManager em;

    @Test
    void aMalformedImportNamesEveryBadRowAndChangesNothing() {
        String mine = entity(PROVINCE);
        String theirs = entity(OTHER);
        String csv = csv(
                coalRow(mine, "U1", 2021, 1_000_000, 900_000),                                        // 1 good
                coalRow("NOT-A-USCC", "U2", 2021, 1_000_000, 900_000),                        // 2 bad USCC
                coalRow(mine, "U3", 2021, 1_000_000, 900_000).replace("COAL_ABOVE_300MW", "NUCLEAR"), // 3 category
                String.join(",", mine, "U4", "2021", "COAL_ABOVE_300MW", "WATER", "600", "1000", "0", "1.2", "0.9",
                        "900"),                                                                       // 4 ratio > 1
                coalRow(mine, "U1", 2021, 2_000_000, 1_800_000),                                      // 5 duplicate
                coalRow(theirs, "U6", 2021, 1_000_000, 900_000),                                      // 6 other province
                coalRow(mine, "U7", 2019, 1_000_000, 900_000),                                        // 7 year
                coalRow(mine, "U8", 2021, -5, 900_000),                                               // 8 negative
                coalRow(mine, "U9", 2021, 1_000_000, 900_000).replace("WATER", "SEA"),                // 9 cooling
                coalRow(mine, "U10", 2021, 900_000_000_000L, 900_000),                                // 10 huge
                String.join(",", mine, "U11", "2021", "COAL_ABOVE_300MW", "WATER", "600", "1000", "0", "0", "",
                        "900"));                                                                      // 11 no load factor
        var problem = importUnits(Tokens.province(PROVINCE), csv).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/invalid-unit-data"))
                .extract().jsonPath();
        assertThat(problem.getList("errors.row", Integer.class)).containsOnly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
                .contains(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(error(problem, 2, "uscc")).contains("not a valid USCC");
        assertThat(error(problem, 3, "category")).contains("unknown category 'NUCLEAR'");
        assertThat(error(problem, 4, "heat_ratio")).contains("[0, 1]");
        assertThat(error(problem, 5, "unit_id")).contains("already on row 1");
        assertThat(error(problem, 6, "uscc")).isEqualTo("unknown entity " + theirs);
        assertThat(error(problem, 7, "year")).contains("not a year of the cycle");
        assertThat(error(problem, 8, "power_supply_mwh")).contains("within");
        assertThat(error(problem, 9, "cooling")).contains("unknown cooling");
        assertThat(error(problem, 10, "power_supply_mwh")).contains("within");
        assertThat(error(problem, 11, "load_factor")).contains("missing");
        assertThat(problem.getString("detail")).contains("10 rows are invalid");
        assertThat(unitRows(mine)).isZero();
        assertThat(unitRows(theirs)).isZero();
    }

    @Test
    void anotherProvincesEntityReadsAsUnknownAndARegistryMayImportAny() {
        String theirs = entity(OTHER);
        var problem = importUnits(Tokens.province(PROVINCE), csv(coalRow(theirs, "U1", 2021, 1000, 900)))
                .then().statusCode(422).extract().jsonPath();
        assertThat(problem.getList("errors.message")).containsExactly("unknown entity " + theirs);
        assertThat(problem.getList("errors.column")).containsExactly("uscc");
        importUnits(Tokens.registry(), csv(coalRow(theirs, "U1", 2021, 1000, 900))).then().statusCode(200)
                .body("inserted", equalTo(1));
    }

    @Test
    void reImportReplacesAUnitYearWithAnAuditEntry() {
        String uscc = entity(PROVINCE);
        importUnits(Tokens.province(PROVINCE), csv(coalRow(uscc, "U1", 2021, 1_000_000, 900_000),
                coalRow(uscc, "U1", 2022, 1_000_000, 900_000))).then().statusCode(200)
                .body("rows", equalTo(2)).body("inserted", equalTo(2)).body("replaced", equalTo(0));
        importUnits(Tokens.province(PROVINCE), csv(coalRow(uscc, "U1", 2021, 1_000_000, 900_000),
                coalRow(uscc, "U1", 2022, 1_200_000, 1_000_000))).then().statusCode(200)
                .body("inserted", equalTo(0)).body("replaced", equalTo(1)).body("unchanged", equalTo(1));

        List<?> revisions = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select revised_by, cast(old_values as text), cast(new_values as text) from unit_data_revision
                        where uscc = ?1 and unit_id = 'U1' and year = 2022""")
                .setParameter(1, uscc).getResultList());
        assertThat(revisions).hasSize(1);
        Object[] r = (Object[]) revisions.get(0);
        assertThat(r[0]).isEqualTo("province." + PROVINCE);
        assertThat((String) r[1]).contains("\"power_supply_mwh\": \"1000000\"").contains("\"verified_emissions_t\": \"900000\"");
        assertThat((String) r[2]).contains("\"power_supply_mwh\": \"1200000\"");
        assertThat(unitRows(uscc)).isEqualTo(2);
    }

    @Test
    void theHeaderMustBeExactlyTheContract() {
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType("text/csv")
                .body("uscc,unit,year\n1,2,3\n").post(BASE + "/cycles/" + CYCLE + "/units:import")
                .then().statusCode(422).body("errors[0].row", equalTo(0))
                .body("errors[0].message", containsString(HEADER));
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType("text/csv").body(HEADER + "\n")
                .post(BASE + "/cycles/" + CYCLE + "/units:import").then().statusCode(422)
                .body("errors[0].message", containsString("no rows"));
    }

    @Test
    void anUnknownCycleIs404AndJsonIsNotCsv() {
        importUnits(Tokens.registry(), "x").then().statusCode(422);
        given().auth().oauth2(Tokens.registry()).contentType("text/csv").body(HEADER + "\n")
                .post(BASE + "/cycles/1999-2000/units:import").then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).contentType("application/json").body("{}")
                .post(BASE + "/cycles/" + CYCLE + "/units:import").then().statusCode(415);
    }

    @Test
    void onlyProvincesAndTheRegistryImport() {
        BadTokens.assertAllRefused("POST", BASE + "/cycles/" + CYCLE + "/units:import", "registry");
        for (String token : List.of(Tokens.ministry(), Tokens.exchange(), Tokens.entity("91110000MA0000011M"))) {
            given().auth().oauth2(token).contentType("text/csv").body(HEADER + "\n")
                    .post(BASE + "/cycles/" + CYCLE + "/units:import").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
        }
    }

    private static String error(io.restassured.path.json.JsonPath problem, int row, String column) {
        List<java.util.Map<String, Object>> errors = problem.getList("errors");
        return errors.stream().filter(e -> Integer.valueOf(row).equals(e.get("row")) && column.equals(e.get("column")))
                .map(e -> (String) e.get("message")).findFirst()
                .orElseThrow(() -> new AssertionError("no error for row " + row + " column " + column + " in "
                        + problem.prettify()));
    }

    private long unitRows(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from unit_year_data where uscc = ?1").setParameter(1, uscc).getSingleResult())
                .longValue());
    }
}
