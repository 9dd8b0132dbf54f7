package cn.carbon.allocation.health;

import cn.carbon.platform.health.WarmUp;
import cn.carbon.platform.security.tokens.VerifiedTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The warm-up before ready, on the real HTTP stack, PostgreSQL and Kafka: the service reads itself through its scope
 * checks as a province no entity belongs to (the list is an empty page, the entity a 404: never a refused token,
 * never a server error), reports ready only afterwards, and its token is gone from the verified-token cache.
 */
@QuarkusTest
@TestProfile(WarmUpTest.WarmedUp.class)
class WarmUpTest {

    public static class WarmedUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a fixed port: the warm-up reads itself on the configured one
            try (ServerSocket free = new ServerSocket(0)) {
                return Map.of("carbon.warm-up.requests", "20", "quarkus.http.test-port",
                        String.valueOf(free.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    @Readiness // a qualifier as well: the health check's bean is found by it
    WarmUp warmUp;
    @Inject
    VerifiedTokens.Cache tokens;

    @Test
    void readsItselfThroughItsScopeChecksBeforeReportingReady() {
        await().atMost(Duration.ofSeconds(60)).until(warmUp::done);
        // the two paths of application.properties in turn: the other province's list, then the unknown entity
        assertThat(warmUp.answers()).isEqualTo(Map.of(200, 10, 404, 10));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("warm-up"));
        assertThat(tokens.size()).as("the warm-up's token is forgotten once it is done").isZero();
    }

    @Test
    void theWarmUpsTokenIsNotAcceptedFromOutside() {
        await().atMost(Duration.ofSeconds(60)).until(warmUp::done);
        given().header("Authorization", "Bearer warm-up.anything").get("/api/allocation/entities")
                .then().statusCode(401);
    }
}
