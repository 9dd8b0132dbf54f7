package cn.carbon.offset.rest;

import cn.carbon.offset.Offsets;
import cn.carbon.testing.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bearer token is verified once and its identity kept until it expires: the same token again is answered from the
 * cache with the same scope, another province's token keeps its own scope, and an altered or expired token is
 * refused although a genuine one like it was kept.
 */
@QuarkusTest
class VerifiedTokensTest {

    static final String JS = "320000";

    @Inject
    MeterRegistry metrics;

    @Test
    void aKeptTokenKeepsItsScopeAndNothingElsePassesForIt() {
        String uscc = Offsets.entity(JS, 1_000_000, 1_000_000);
        String path = "/api/offsets/entities/" + uscc + "/headroom?cycle=" + Offsets.CYCLE + "&complianceYear=2021";
        String jiangsu = Tokens.province(JS);
        String beijing = Tokens.province("110000");

        double hitsBefore = hits();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(jiangsu).get(path).then().statusCode(200);
        }
        assertThat(hits() - hitsBefore).as("the second and third request from the cache").isGreaterThanOrEqualTo(2);

        // another province's token, verified and kept in turn, still sees only its own province
        given().auth().oauth2(beijing).get(path).then().statusCode(404);
        given().auth().oauth2(beijing).get(path).then().statusCode(404);
        given().auth().oauth2(jiangsu).get(path).then().statusCode(200);

        // the kept token's payload changed to another province, its signature kept: verified afresh and refused
        String[] parts = beijing.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("110000", JS);
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(altered).get(path).then().statusCode(401);
        given().auth().oauth2(Tokens.expired("province")).get(path).then().statusCode(401);
        given().get(path).then().statusCode(401);
    }

    private double hits() {
        var counter = metrics.find("carbon.security.token.cache").tag("outcome", "hit").counter();
        return counter == null ? 0 : counter.count();
    }
}
