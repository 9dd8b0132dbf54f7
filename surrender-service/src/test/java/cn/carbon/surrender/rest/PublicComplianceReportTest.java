package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The public annual compliance report: one code per entity and year, for anyone, searchable, and nothing more. */
@QuarkusTest
class PublicComplianceReportTest {

    // a province no other test of this module uses, so that its lines are this test's alone
    static final String XIZANG = "540000";
    // and one for the search's test, so that its lines change no count of the other
    static final String GANSU = "620000";
    static final String REPORT = "/api/surrender/public/compliance-report";

    @Inject
    Fixture fixture;

    @AfterEach
    void back() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    @Test
    void eachYearItsCodeBeforeAndAfterTheDeadlineForAnyoneWithoutAToken() {
        TestClock.set(Instant.parse("2023-09-01T00:00:00Z"));
        String onTime = fixture.entity(XIZANG, TestUscc.next(XIZANG), "拉萨测试电厂一");
        String late = fixture.entity(XIZANG, TestUscc.next(XIZANG), "拉萨测试电厂二");
        String notComplied = fixture.entity(XIZANG, TestUscc.next(XIZANG), "日喀则测试热电");
        String exempt = fixture.entity(XIZANG, TestUscc.next(XIZANG), "林芝测试电厂（已注销）");
        for (String u : List.of(onTime, late, notComplied)) {
            fixture.issue(u, 2021, "2021", 100);
            fixture.obligation(u, 2021, 100);
        }
        fixture.exempt(exempt, 2021);
        TestClock.set(Instant.parse("2023-10-01T02:00:00Z"));
        surrender(onTime);

        given().get(REPORT + "?province=" + XIZANG + "&year=2021").then().statusCode(200)
                .body("cycle", equalTo("2021-2022"))
                .body("total", equalTo(4))
                .body("items.find { it.uscc == '" + onTime + "' }.code", equalTo("ON_TIME"))
                .body("items.find { it.uscc == '" + onTime + "' }.completedOn", equalTo("2023-10-01"))
                .body("items.find { it.uscc == '" + late + "' }.code", equalTo("IN_PROGRESS"))
                .body("items.find { it.uscc == '" + exempt + "' }.code", equalTo("EXEMPT"))
                .body("byCode.IN_PROGRESS", equalTo(2));

        // after the deadline: one complies late, one never does
        TestClock.set(Instant.parse("2024-01-10T02:00:00Z"));
        String request = given().auth().oauth2(Tokens.entity(late)).contentType(ContentType.JSON)
                .body(Map.of("uscc", late, "complianceYear", 2021)).post("/api/surrender/late-compliance-requests")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.provinceReviewer(XIZANG))
                .post("/api/surrender/late-compliance-requests/" + request + "/confirm").then().statusCode(200);
        surrender(late);

        given().get(REPORT + "?province=" + XIZANG + "&year=2021").then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.find { it.uscc == '" + onTime + "' }.code", equalTo("ON_TIME"))
                .body("items.find { it.uscc == '" + late + "' }.code", equalTo("LATE"))
                .body("items.find { it.uscc == '" + late + "' }.completedOn", equalTo("2024-01-10"))
                .body("items.find { it.uscc == '" + notComplied + "' }.code", equalTo("NOT_COMPLIED"))
                .body("items.find { it.uscc == '" + notComplied + "' }.completedOn", nullValue())
                .body("items.find { it.uscc == '" + exempt + "' }.code", equalTo("EXEMPT"))
                .body("byCode.ON_TIME", equalTo(1)).body("byCode.LATE", equalTo(1))
                .body("byCode.NOT_COMPLIED", equalTo(1)).body("byCode.EXEMPT", equalTo(1))
                // what the market publishes, no more: no quantities, no holdings
                .body("items[0]", not(hasKey("obligationT")))
                .body("items[0]", not(hasKey("remainingT")));

        // searchable by part of the name, by USCC and by code
        given().get(REPORT + "?province=" + XIZANG + "&year=2021&q=日喀则").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].uscc", equalTo(notComplied))
                .body("items[0].name", equalTo("日喀则测试热电"));
        given().get(REPORT + "?year=2021&q=" + late.toLowerCase()).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].name", equalTo("拉萨测试电厂二"));
        given().get(REPORT + "?province=" + XIZANG + "&code=NOT_COMPLIED").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].uscc", equalTo(notComplied));
        // paging: the total is the match count, the page holds what is asked
        given().get(REPORT + "?province=" + XIZANG + "&year=2021&size=3&page=1").then().statusCode(200)
                .body("total", equalTo(4)).body("items.size()", equalTo(1));
    }

    @Test
    void theSearchMatchesAUsccPrefixOrPartOfTheNameInAnyCaseAndNothingElse() {
        TestClock.set(Instant.parse("2023-09-01T00:00:00Z"));
        String latin = fixture.entity(GANSU, TestUscc.next(GANSU), "Jiuquan Test Hydro-Thermal 100%");
        String other = fixture.entity(GANSU, TestUscc.next(GANSU), "酒泉测试电厂");
        for (String u : List.of(latin, other)) {
            fixture.obligation(u, 2021, 100);
        }
        given().queryParam("year", 2021).queryParam("q", "hydro-thermal").get(REPORT).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].uscc", equalTo(latin))
                .body("byCode.IN_PROGRESS", equalTo(1));
        String prefix = other.substring(0, 17).toLowerCase(java.util.Locale.ROOT);
        List<String> byPrefix = given().queryParam("year", 2021).queryParam("size", 500).queryParam("q", prefix)
                .get(REPORT).then().statusCode(200).extract().path("items.uscc");
        assertThat(byPrefix).contains(other).doesNotContain(latin)
                .allMatch(u -> u.startsWith(prefix.toUpperCase(java.util.Locale.ROOT)));
        // the search is text, not a pattern: "%" and "_" match themselves only
        given().queryParam("year", 2021).queryParam("q", "100%").get(REPORT).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].uscc", equalTo(latin));
        given().queryParam("year", 2021).queryParam("q", "_").get(REPORT).then().statusCode(200)
                .body("total", equalTo(0));
        // a USCC's middle is not its start
        given().queryParam("year", 2021).queryParam("q", other.substring(1)).get(REPORT).then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void aYearWithoutACycleIsReadInTheCycleThatCoversIt() {
        // whatever rulebook arrived last: the year decides
        given().get(REPORT + "?year=2021").then().statusCode(200).body("cycle", equalTo("2021-2022"));
        given().get(REPORT + "?year=2022").then().statusCode(200).body("cycle", equalTo("2021-2022"));
        given().get(REPORT + "?year=2023").then().statusCode(200).body("cycle", equalTo("2023"));
        given().get(REPORT + "?cycle=2023&year=2021").then().statusCode(400);
    }

    @Test
    void badQueriesAreProblemsNamingTheParameter() {
        for (String[] bad : new String[][]{{"province=54", "province"}, {"code=A", "code"}, {"size=0", "size"},
                {"page=-1", "page"}, {"year=2030", "year"}, {"cycle=1999", "cycle"}, {"q=" + "电".repeat(101), "q"}}) {
            io.restassured.path.json.JsonPath problem = given().get(REPORT + "?" + bad[0]).then().statusCode(400)
                    .contentType("application/problem+json").extract().jsonPath();
            // named in the detail ("field: message") or in the list of field errors
            assertThat(problem.getString("detail").startsWith(bad[1] + ":")
                    || problem.getList("errors.field").contains(bad[1])).as(bad[0] + " names " + bad[1]).isTrue();
        }
    }

    private void surrender(String uscc) {
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2021,
                        "lines", List.of(Map.of("vintage", "2021", "quantityT", 100))))
                .post("/api/surrender/surrenders").then().statusCode(201);
    }
}
