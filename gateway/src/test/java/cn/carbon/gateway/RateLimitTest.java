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
            // one token per 1000 s: no refill can happen while the test runs, so the count is exact whatever the
            // machine's speed (the refill itself is shown with a driven clock in RateLimiterBucketTest)
            return Map.of("carbon.gateway.rate-limit.requests-per-second", "0.001",
                    "carbon.gateway.rate-limit.burst", "5",
                    // the test client stands for the ingress
                    "carbon.gateway.trusted-proxies", "127.0.0.1/32,::1");
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
        assertThat(passed).as("exactly the burst").isEqualTo(5);
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        // a whole token at 0.001 per second: 1000 s, less what trickled in while the loop ran (well under 10 s)
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(990L, 1000L);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // another client has its own bucket
        given().auth().oauth2(Tokens.token("patient.client", "exchange", Map.of())).when().get("/api/allocation/entities")
                .then().statusCode(200);
    }

    @Test
    void anonymousCallersBehindTheIngressEachHaveTheirOwnBucket() {
        String verification = "/api/surrender/certificates/LYZM-2022-0000000000000000/verification";
        int passed = 0;
        for (int i = 0; i < 7; i++) {
            passed += given().header("X-Forwarded-For", "203.0.113.7").when().get(verification).statusCode() == 200 ? 1 : 0;
        }
        assertThat(passed).as("exactly the burst of 203.0.113.7").isEqualTo(5);
        // another address behind the same ingress is not held back by the first one's bucket
        given().header("X-Forwarded-For", "203.0.113.8").when().get(verification).then().statusCode(200);
        // and what the service is told is the caller's address, not the ingress's
        given().header("X-Forwarded-For", "203.0.113.9").when().get(verification).then().statusCode(200)
                .body("forwardedFor", org.hamcrest.Matchers.equalTo("203.0.113.9"));
    }
}
