package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The README's problems of surrender and late compliance that no other test shows: each answers its problem naming
 * the field, and changes nothing.
 */
@QuarkusTest
class SurrenderProblemsTest {

    static final String SURRENDERS = "/api/surrender/surrenders";
    static final String LATE = "/api/surrender/late-compliance-requests";

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    @Test
    void lateComplianceBeforeTheDeadlineIsRefused() {
        String uscc = fixture.entity("320000");
        fixture.obligation(uscc, 2021, 1000);
        String before = fixture.footprint(uscc);
        problem(askLate(uscc, 2021), 409, "deadline-not-passed", "complianceYear")
                .body("detail", containsString("surrender for 2021 is open until"));
        assertThat(lateRequests(uscc)).isZero();
        assertThat(fixture.footprint(uscc)).isEqualTo(before);
    }

    @Test
    void lateComplianceWithNothingOutstandingIsRefused() {
        // fully surrendered before the deadline
        String done = fixture.entity("320000");
        fixture.issue(done, 2021, "2021", 500);
        fixture.obligation(done, 2021, 500);
        given().auth().oauth2(Tokens.entity(done)).contentType(ContentType.JSON)
                .body(SurrenderResourceTest.body(done, 2021, "2021", 500)).post(SURRENDERS).then().statusCode(201)
                .body("compliance.remainingT", equalTo(0));
        // exempt (dissolved), and no obligation at all
        String exempt = fixture.entity("320000");
        fixture.exempt(exempt, 2021);
        String none = fixture.entity("320000");

        TestClock.set(TestClock.AFTER_DEADLINE);
        for (String uscc : new String[]{done, exempt, none}) {
            String before = fixture.footprint(uscc);
            problem(askLate(uscc, 2021), 409, "nothing-to-comply", "complianceYear")
                    .body("detail", containsString(uscc + " has no outstanding obligation for 2021"));
            assertThat(lateRequests(uscc)).as(uscc).isZero();
            assertThat(fixture.footprint(uscc)).isEqualTo(before);
        }
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsRefusedAndTheFirstAnswerStands() {
        String uscc = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 1000);
        fixture.obligation(uscc, 2021, 1000);
        String key = "surrender-" + UUID.randomUUID();
        String first = given().auth().oauth2(Tokens.entity(uscc)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(SurrenderResourceTest.body(uscc, 2021, "2021", 300)).post(SURRENDERS).then().statusCode(201)
                .extract().asString();
        String before = fixture.footprint(uscc);

        problem(given().auth().oauth2(Tokens.entity(uscc)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(SurrenderResourceTest.body(uscc, 2021, "2021", 400)).post(SURRENDERS).then(),
                422, "idempotency-key-reused", "Idempotency-Key");
        assertThat(fixture.footprint(uscc)).isEqualTo(before);
        assertThat(fixture.held(uscc, "2021")).isEqualTo(700);

        // the same body again is the first answer, not a second surrender
        String replay = given().auth().oauth2(Tokens.entity(uscc)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(SurrenderResourceTest.body(uscc, 2021, "2021", 300)).post(SURRENDERS)
                .then().statusCode(201).extract().asString();
        assertThat(replay).isEqualTo(first);
        assertThat(fixture.footprint(uscc)).isEqualTo(before);
    }

    private ValidatableResponse askLate(String uscc, int year) {
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", year, "reason", "test")).post(LATE).then();
    }

    private long lateRequests(String uscc) {
        return fixture.count("select count(*) from late_compliance_request where uscc = ?1", uscc);
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String slug, String field) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/" + slug))
                .body("errors[0].field", equalTo(field));
    }
}
