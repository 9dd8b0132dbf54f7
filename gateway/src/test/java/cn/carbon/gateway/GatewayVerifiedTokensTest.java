package cn.carbon.gateway;

import cn.carbon.testing.OidcResource;
import cn.carbon.testing.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The gateway verifies a bearer token once and keeps it until it expires, as the services do: the same token again is
 * relayed from the cache, while a token altered after it was kept, an expired one and none at all are refused before
 * any upstream is reached.
 */
@QuarkusTest
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(EchoUpstream.class)
class GatewayVerifiedTokensTest {

    @Inject
    MeterRegistry metrics;

    @Test
    void aKeptTokenIsRelayedAndNothingElsePassesForIt() {
        String token = Tokens.province("320000");
        double hitsBefore = count("hit");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/allocation/entities?province=320000")
                    .then().statusCode(200).body("authorization", equalTo("Bearer " + token));
        }
        assertThat(count("hit") - hitsBefore).as("the second and third request from the cache").isGreaterThanOrEqualTo(2);

        int upstreamBefore = EchoUpstream.HITS.get();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("320000", "110000");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(altered).get("/api/allocation/entities").then().statusCode(401);
        given().auth().oauth2(Tokens.expired("province")).get("/api/allocation/entities").then().statusCode(401);
        given().get("/api/allocation/entities").then().statusCode(401);
        assertThat(EchoUpstream.HITS.get()).as("nothing refused reached an upstream").isEqualTo(upstreamBefore);
    }

    private double count(String outcome) {
        var counter = metrics.find("carbon.security.token.cache").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
