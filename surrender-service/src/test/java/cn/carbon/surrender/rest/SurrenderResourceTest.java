package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class SurrenderResourceTest {

    static final String PATH = "/api/surrender/surrenders";

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    static Map<String, Object> body(String uscc, int year, Object... vintageQuantity) {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < vintageQuantity.length; i += 2) {
            lines.add(Map.of("vintage", vintageQuantity[i], "quantityT", vintageQuantity[i + 1]));
        }
        return Map.of("uscc", uscc, "complianceYear", year, "lines", lines);
    }

    @Test
    void anEntitySurrendersMixedVintagesAndItsYearBecomesCompliantWithACertificate() {
        String uscc = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 600);
        fixture.issue(uscc, 2022, "2022", 500);
        fixture.obligation(uscc, 2021, 1000);

        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(body(uscc, 2021, "2021", 600, "2022", 300))
                .post(PATH).then().statusCode(201)
                .body("lines.size()", equalTo(2))
                .body("compliance.remainingT", equalTo(100))
                .body("compliance.status", equalTo("OPEN"));
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(body(uscc, 2021, "2022", 100))
                .post(PATH).then().statusCode(201)
                .body("compliance.remainingT", equalTo(0))
                .body("compliance.status", equalTo("COMPLIANT"));

        assertThat(fixture.held(uscc, "2021")).isZero();
        assertThat(fixture.held(uscc, "2022")).isEqualTo(100);
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/compliance/" + uscc).then().statusCode(200)
                .body("years[0].complianceYear", equalTo(2021))
                .body("years[0].status", equalTo("COMPLIANT"))
                .body("years[0].surrenderedT", equalTo(1000))
                .body("years[0].surrendered.find { it.vintage == '2022' }.quantityT", equalTo(400))
                .body("years[0].certificateId", startsWith("LYZM-2021-"))
                .body("years[1].status", equalTo("OPEN"))
                .body("years[1].obligationT", nullValue());
    }

    @Test
    void allLinesOrNone() {
        String uscc = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 600);
        fixture.obligation(uscc, 2021, 1000);
        String before = fixture.footprint(uscc);

        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(body(uscc, 2021, "2021", 500, "2022", 1))
                .post(PATH).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/insufficient-holdings"))
                .body("errors[0].field", equalTo("lines[1].quantityT"));
        assertThat(fixture.footprint(uscc)).isEqualTo(before);
    }

    @Test
    void badInputIsANamedProblemAndChangesNothing() {
        String uscc = fixture.entity("320000");
        String other = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 600);
        fixture.issue(other, 2021, "2021", 600);
        fixture.obligation(uscc, 2021, 1000);
        fixture.obligation(other, 2021, 1000);
        String before = fixture.footprint(uscc);
        String otherBefore = fixture.footprint(other);
        String token = Tokens.entity(uscc);

        problem(token, body(uscc, 2021, "2020", 10), 422, "unknown-vintage", "lines[0].vintage");
        problem(token, body(uscc, 2021, "2024", 10), 422, "unknown-vintage", "lines[0].vintage");
        problem(token, body(uscc, 2021, "2021", -5), 400, "invalid-request", "lines[0].quantityT");
        problem(token, body(uscc, 2021, "2021", 0), 400, "invalid-request", "lines[0].quantityT");
        problem(token, body(uscc, 2021, "2021", new java.math.BigInteger("9223372036854775808")), 400,
                "invalid-request", "lines[0].quantityT");
        problem(token, body(uscc, 2021, "2021", 1.5), 400, "invalid-request", "lines[0].quantityT");
        problem(token, body(uscc, 2019, "2021", 10), 400, "invalid-request", "complianceYear");
        problem(token, body(uscc, 2021, "2021", 10, "2021", 10), 400, "invalid-request", "lines[1].vintage");
        problem(token, body(uscc, 2021, "2021", 1001), 422, "exceeds-remaining-obligation", "lines");
        // borrowed units it never borrowed
        problem(token, body(uscc, 2021, "2023", 10), 422, "borrowed-units-not-available", "lines");
        // another entity's account: as if it did not exist
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body(other, 2021, "2021", 10))
                .post(PATH).then().statusCode(404).contentType(startsWith("application/problem+json"));
        // raw 2^63 as a JSON number, not through a Java type
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"uscc\":\"" + uscc + "\",\"complianceYear\":2021,\"lines\":[{\"vintage\":\"2021\",\"quantityT\":9223372036854775808}]}")
                .post(PATH).then().statusCode(400).body("errors[0].field", equalTo("lines[0].quantityT"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"uscc\":\"" + uscc + "\",\"complianceYear\":2021}")
                .post(PATH).then().statusCode(400).body("errors[0].field", equalTo("lines"));

        assertThat(fixture.footprint(uscc)).isEqualTo(before);
        assertThat(fixture.footprint(other)).isEqualTo(otherBefore);
    }

    @Test
    void aYearWithoutObligationOrExemptRefusesSurrender() {
        String uscc = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 600);
        problem(Tokens.entity(uscc), body(uscc, 2022, "2021", 10), 409, "obligation-not-set", "complianceYear");
        fixture.exempt(uscc, 2022);
        problem(Tokens.entity(uscc), body(uscc, 2022, "2021", 10), 409, "year-exempt", "complianceYear");
        assertThat(fixture.held(uscc, "2021")).isEqualTo(600);
    }

    @Test
    void borrowedUnitsServeOnlyTheBorrowersYear() {
        String uscc = fixture.entity("420000");
        fixture.issue(uscc, 2021, "2021", 500);
        fixture.obligation(uscc, 2021, 1000);
        fixture.obligation(uscc, 2022, 1000);
        fixture.borrow(uscc, 2021, 300);
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/accounts/" + uscc).then().statusCode(200)
                .body("holdings.find { it.vintage == '2023' }.restrictedT", equalTo(300))
                .body("holdings.find { it.vintage == '2023' }.freeT", equalTo(0));
        // not for the other year
        problem(Tokens.entity(uscc), body(uscc, 2022, "2023", 100), 422, "borrowed-units-not-available", "lines");
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(body(uscc, 2021, "2021", 500, "2023", 300)).post(PATH).then().statusCode(201)
                .body("compliance.borrowedUsedT", equalTo(300))
                .body("compliance.remainingT", equalTo(200));
        assertThat(fixture.held(uscc, "2023")).isZero();
    }

    @Test
    void afterTheDeadlineOnlyAConfirmedLateRequestOpensSurrender() {
        String uscc = fixture.entity("440000");
        fixture.issue(uscc, 2021, "2021", 1000);
        fixture.obligation(uscc, 2021, 1000);
        TestClock.set(TestClock.AFTER_DEADLINE);
        String before = fixture.footprint(uscc);
        problem(Tokens.entity(uscc), body(uscc, 2021, "2021", 1000), 409, "late-compliance-not-confirmed", "complianceYear");
        assertThat(fixture.footprint(uscc)).isEqualTo(before);

        String id = given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2021, "reason", "funds arrived late"))
                .post("/api/surrender/late-compliance-requests").then().statusCode(201)
                .body("status", equalTo("REQUESTED")).extract().path("id");
        // asked but not yet confirmed
        problem(Tokens.entity(uscc), body(uscc, 2021, "2021", 1000), 409, "late-compliance-not-confirmed", "complianceYear");
        // another province cannot confirm; the entity cannot confirm
        given().auth().oauth2(Tokens.province("320000")).post("/api/surrender/late-compliance-requests/" + id + "/confirm")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.entity(uscc)).post("/api/surrender/late-compliance-requests/" + id + "/confirm")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.province("440000")).post("/api/surrender/late-compliance-requests/" + id + "/confirm")
                .then().statusCode(200).body("status", equalTo("CONFIRMED")).body("confirmedBy", equalTo("province.440000"));

        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON).body(body(uscc, 2021, "2021", 1000))
                .post(PATH).then().statusCode(201).body("compliance.status", equalTo("COMPLIANT_LATE"));
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/compliance/" + uscc).then().statusCode(200)
                .body("years[0].status", equalTo("COMPLIANT_LATE"))
                .body("years[0].statusAtDeadline", equalTo("OVERDUE"))
                .body("years[0].certificateId", startsWith("LYZM-2021-"));
    }

    @Test
    void securityOfSurrender() {
        String uscc = fixture.entity("320000");
        BadTokens.assertAllRefused("POST", PATH, "entity");
        for (String token : List.of(Tokens.registry(), Tokens.province("320000"), Tokens.exchange(), Tokens.ministry())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body(uscc, 2021, "2021", 1))
                    .post(PATH).then().statusCode(403).contentType(startsWith("application/problem+json"));
        }
    }

    static void problem(String token, Object body, int status, String slug, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(PATH).then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/" + slug))
                .body("errors[0].field", equalTo(field));
    }
}
