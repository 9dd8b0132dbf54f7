package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A known vintage that the rulebook does not let serve a year is {@code vintage-not-eligible}, naming the line. The
 * shipped rulebook lets every known vintage but the borrowed-only one serve both years, so this test loads one (a test
 * resource) in which 2022 cannot serve 2021: the rule is data, and the check follows the data.
 */
@QuarkusTest
@TestProfile(SurrenderVintageEligibilityTest.NarrowRulebook.class)
class SurrenderVintageEligibilityTest {

    public static class NarrowRulebook implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surrender.rulebooks", "classpath:rulebook/test-2022-not-for-2021.json");
        }
    }

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    @Test
    void aVintageThatCannotServeTheYearIsRefusedNamingItsLine() {
        String uscc = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 500);
        fixture.issue(uscc, 2022, "2022", 500);
        fixture.obligation(uscc, 2021, 1000);
        fixture.obligation(uscc, 2022, 1000);
        String before = fixture.footprint(uscc);

        SurrenderProblemsTest.problem(given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                        .body(SurrenderResourceTest.body(uscc, 2021, "2021", 100, "2022", 100))
                        .post(SurrenderProblemsTest.SURRENDERS).then(),
                422, "vintage-not-eligible", "lines[1].vintage")
                .body("detail", containsString("vintage 2022 cannot serve 2021"));
        assertThat(fixture.footprint(uscc)).isEqualTo(before);

        // the same vintage serves its own year
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(SurrenderResourceTest.body(uscc, 2022, "2022", 100)).post(SurrenderProblemsTest.SURRENDERS)
                .then().statusCode(201);
        assertThat(fixture.held(uscc, "2022")).isEqualTo(400);
    }
}
