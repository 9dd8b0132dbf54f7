package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ComplianceResourceTest {

    // a province no other test uses, so that its counts are this test's alone
    static final String QINGHAI = "630000";

    @Inject
    Fixture fixture;

    @AfterEach
    void back() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    private void surrender(String uscc, int year, String vintage, long q) {
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", year,
                        "lines", java.util.List.of(Map.of("vintage", vintage, "quantityT", q))))
                .post("/api/surrender/surrenders").then().statusCode(201);
    }

    @Test
    void everyStatusItsDateAndTheProvincesCountsAgainstTheRulebookTargets() {
        TestClock.set(Instant.parse("2023-09-01T00:00:00Z"));
        String compliant = fixture.entity(QINGHAI);
        String overdue = fixture.entity(QINGHAI);
        String exempt = fixture.entity(QINGHAI);
        String offsetLate = fixture.entity(QINGHAI);
        String late = fixture.entity(QINGHAI);
        for (String u : java.util.List.of(compliant, overdue, offsetLate, late)) {
            fixture.issue(u, 2021, "2021", 100);
            fixture.obligation(u, 2021, 100);
        }
        fixture.exempt(exempt, 2021);

        TestClock.set(Instant.parse("2023-10-01T00:00:00Z"));
        surrender(compliant, 2021, "2021", 100);
        TestClock.set(Instant.parse("2023-11-20T00:00:00Z"));
        fixture.offset(offsetLate, 2021, 100); // after 11-15, before 12-31
        TestClock.set(Instant.parse("2024-01-10T00:00:00Z"));
        String request = given().auth().oauth2(Tokens.entity(late)).contentType(ContentType.JSON)
                .body(Map.of("uscc", late, "complianceYear", 2021)).post("/api/surrender/late-compliance-requests")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.provinceReviewer(QINGHAI)).post("/api/surrender/late-compliance-requests/" + request + "/confirm")
                .then().statusCode(200);
        surrender(late, 2021, "2021", 100);

        given().auth().oauth2(Tokens.province(QINGHAI)).get("/api/surrender/compliance?cycle=2021-2022&year=2021&size=50")
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.find { it.uscc == '" + compliant + "' }.status", equalTo("COMPLIANT"))
                .body("items.find { it.uscc == '" + overdue + "' }.status", equalTo("OVERDUE"))
                .body("items.find { it.uscc == '" + exempt + "' }.status", equalTo("EXEMPT"))
                .body("items.find { it.uscc == '" + offsetLate + "' }.status", equalTo("COMPLIANT"))
                .body("items.find { it.uscc == '" + late + "' }.status", equalTo("COMPLIANT_LATE"))
                .body("counts[0].complianceYear", equalTo(2021))
                .body("counts[0].entities", equalTo(5))
                .body("counts[0].byStatus.COMPLIANT", equalTo(2))
                .body("counts[0].byStatus.COMPLIANT_LATE", equalTo(1))
                .body("counts[0].byStatus.OVERDUE", equalTo(1))
                .body("counts[0].byStatus.EXEMPT", equalTo(1))
                .body("counts[0].compliedShare", equalTo(0.75f))
                // 95 % by 11-15: only one of the four obliged entities had complied by then
                .body("counts[0].targets[0].deadline", equalTo("compliance95Percent"))
                .body("counts[0].targets[0].requiredShare", equalTo(0.95f))
                .body("counts[0].targets[0].shareAtDate", equalTo(0.25f))
                .body("counts[0].targets[0].met", equalTo(false))
                .body("counts[0].targets[1].shareAtDate", equalTo(0.5f));

        // the same province as it stood on 2023-11-15
        given().auth().oauth2(Tokens.ministry())
                .get("/api/surrender/compliance?cycle=2021-2022&province=" + QINGHAI + "&year=2021&asOf=2023-11-15")
                .then().statusCode(200)
                .body("items.find { it.uscc == '" + compliant + "' }.status", equalTo("COMPLIANT"))
                .body("items.find { it.uscc == '" + offsetLate + "' }.status", equalTo("OPEN"))
                .body("items.find { it.uscc == '" + late + "' }.status", equalTo("OPEN"))
                .body("counts[0].byStatus.OPEN", equalTo(3))
                .body("counts[0].targets[1].shareAtDate", nullValue());

        // filter by status
        given().auth().oauth2(Tokens.registry())
                .get("/api/surrender/compliance?cycle=2021-2022&province=" + QINGHAI + "&year=2021&status=OVERDUE")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].uscc", equalTo(overdue));

        // one entity as of a date, and its status frozen at the deadline
        given().auth().oauth2(Tokens.entity(compliant)).get("/api/surrender/compliance/" + compliant + "?asOf=2023-09-15")
                .then().statusCode(200)
                .body("years[0].status", equalTo("OPEN"))
                .body("years[0].surrenderedT", equalTo(0))
                .body("years[0].statusAtDeadline", nullValue());
        given().auth().oauth2(Tokens.entity(late)).get("/api/surrender/compliance/" + late).then().statusCode(200)
                .body("years[0].status", equalTo("COMPLIANT_LATE"))
                .body("years[0].statusAtDeadline", equalTo("OVERDUE"));
        given().auth().oauth2(Tokens.entity(offsetLate)).get("/api/surrender/compliance/" + offsetLate).then().statusCode(200)
                .body("years[0].offsetT", equalTo(100))
                .body("years[0].surrenderedT", equalTo(0))
                .body("years[0].status", equalTo("COMPLIANT"));
    }

    @Test
    void aChangeAfterTheDeadlineLeavesTheStatusAtTheDeadlineAsItWas() {
        TestClock.set(Instant.parse("2023-10-01T00:00:00Z"));
        String uscc = fixture.entity("640000");
        fixture.issue(uscc, 2022, "2022", 100);
        fixture.obligation(uscc, 2022, 100);
        surrender(uscc, 2022, "2022", 100);
        TestClock.set(Instant.parse("2024-03-01T00:00:00Z"));
        fixture.obligation(uscc, 2022, 150); // a data-quality correction after the deadline
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/compliance/" + uscc).then().statusCode(200)
                .body("years[1].status", equalTo("OVERDUE"))
                .body("years[1].remainingT", equalTo(50))
                .body("years[1].statusAtDeadline", equalTo("COMPLIANT"))
                .body("years[1].certificateId", nullValue());
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/compliance/" + uscc + "?asOf=2023-12-31").then()
                .statusCode(200).body("years[1].status", equalTo("COMPLIANT"));
    }

    @Test
    void scope() {
        String uscc = fixture.entity("640000");
        fixture.obligation(uscc, 2021, 10);
        given().auth().oauth2(Tokens.province("320000")).get("/api/surrender/compliance/" + uscc).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(fixture.entity("640000"))).get("/api/surrender/compliance/" + uscc).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.province("320000")).get("/api/surrender/compliance?province=640000").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/compliance").then().statusCode(403);
        given().auth().oauth2(Tokens.exchange()).get("/api/surrender/compliance/" + uscc).then().statusCode(403);
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/compliance?status=LATE").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/compliance/" + uscc + "?asOf=yesterday").then()
                .statusCode(400).body("errors[0].field", equalTo("asOf"));
        given().auth().oauth2(Tokens.province("640000")).get("/api/surrender/compliance").then().statusCode(200)
                .body("items.provinceCode", hasItems("640000"));
    }
}
