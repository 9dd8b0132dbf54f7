package cn.carbon.gateway;

import cn.carbon.testing.OidcResource;
import cn.carbon.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(RateLimitTest.TightLimits.class)
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(EchoUpstream.class)
class RateLimitTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("carbon.gateway.rate-limit.requests-per-second", "1",
                    "carbon.gateway.rate-limit.burst", "5");
        }
    }

    @Test
    void aClientAboveItsBurstGets429WithRetryAfterWhileOthersPass() {
        String greedy = Tokens.token("greedy.client", "exchange", Map.of());
        int passed = 0;
        Response refused = null;
        for (int i = 0; i < 8; i++) {
            Response r = given().auth().oauth2(greedy).when().get("/api/allocation/entities");
            if (r.statusCode() == 200) {
                passed++;
            } else {
                refused = r;
            }
        }
        assertThat(passed).as("the burst, plus at most one token refilled while the loop ran").isBetween(5, 6);
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // another client has its own bucket
        given().auth().oauth2(Tokens.token("patient.client", "exchange", Map.of())).when().get("/api/allocation/entities")
                .then().statusCode(200);
    }
}
