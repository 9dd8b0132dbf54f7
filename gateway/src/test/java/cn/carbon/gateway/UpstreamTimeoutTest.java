package cn.carbon.gateway;

import cn.carbon.testing.OidcResource;
import cn.carbon.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** README: a service that does not answer within {@code carbon.gateway.timeout} is a 504 problem. */
@QuarkusTest
@TestProfile(UpstreamTimeoutTest.ShortTimeout.class)
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(EchoUpstream.class)
class UpstreamTimeoutTest {

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("carbon.gateway.timeout", "1s");
        }
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504Problem() {
        // a service that answers in time passes through
        given().auth().oauth2(Tokens.registry()).when().get("/api/allocation/entities").then().statusCode(200);
        // one that answers only after EchoUpstream.SLOW_MILLIS (8 s, eight times the timeout): the gateway gives up
        // first. No clock is read: had the gateway waited, the upstream's 200 would have come through instead
        int hitsBefore = EchoUpstream.HITS.get();
        given().auth().oauth2(Tokens.registry()).header("X-Request-Id", "timeout-test-1")
                .when().get("/api/allocation/slow")
                .then().statusCode(504)
                .contentType(startsWith("application/problem+json"))
                .header("X-Request-Id", equalTo("timeout-test-1"))
                .body("type", equalTo("https://carbon.example/problems/upstream-timeout"))
                .body("status", equalTo(504))
                .body("requestId", equalTo("timeout-test-1"));
        // the request did reach the service (a timeout, not an unreachable service's 502)
        assertThat(EchoUpstream.HITS.get()).isEqualTo(hitsBefore + 1);
    }
}
