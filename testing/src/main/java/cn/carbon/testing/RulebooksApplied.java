package cn.carbon.testing;

import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Before the first test of a service that applies rulebooks (its readiness has a check {@code rulebooks}), waits until
 * every shipped rulebook that {@link KafkaResource} published has arrived over Kafka: a test must not race the
 * service's own consumer. A service without that check (allocation-service, the gateway) passes at once.
 */
public class RulebooksApplied implements QuarkusTestBeforeEachCallback {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final List<String> SHIPPED = ShippedRulebooks.rulebooks().stream().map(Rulebook::id).toList();
    private static volatile boolean applied;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (applied) {
            return;
        }
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(250)).until(RulebooksApplied::received);
        applied = true;
    }

    private static boolean received() {
        JsonPath health = new JsonPath(RestAssured.given().baseUri(TestHTTPResourceManager.getUri())
                .get("/q/health/ready").asString());
        List<Map<String, Object>> checks = health.getList("checks");
        if (checks == null) {
            return false;
        }
        for (Map<String, Object> check : checks) {
            if ("rulebooks".equals(check.get("name"))) {
                Object data = check.get("data");
                // every shipped rulebook, not just the first to arrive: they come over several partitions
                return data instanceof Map<?, ?> d && d.get("applied") != null
                        && SHIPPED.stream().allMatch(id -> String.valueOf(d.get("applied")).contains(id + " v"));
            }
        }
        return true;
    }
}
