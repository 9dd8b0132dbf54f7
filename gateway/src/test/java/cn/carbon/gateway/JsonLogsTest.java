package cn.carbon.gateway;

import cn.carbon.testing.OidcResource;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In the kubernetes profile the console prints one JSON object per line, with the request id, the trace id and the
 * span id of the request it belongs to (what a log pipeline indexes and what links a line to its trace).
 */
@QuarkusTest
@TestProfile(JsonLogsTest.Kubernetes.class)
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(EchoUpstream.class)
class JsonLogsTest {

    public static class Kubernetes implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test,kubernetes";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // ids are made for every request, nothing is sampled: no collector is needed here
            return Map.of("quarkus.otel.traces.sampler", "always_off");
        }
    }

    @Test
    void anAccessLineIsJsonWithRequestTraceAndSpanIds() throws Exception {
        Formatter console = consoleFormatter();
        assertThat(console.getClass().getName()).as("the console's formatter").contains("Json");

        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                record.copyMdc();
                records.add(record);
            }
        };
        Logger access = LogContext.getLogContext().getLogger("cn.carbon.gateway.access");
        access.addHandler(capture);
        try {
            given().auth().oauth2(Tokens.registry()).header("X-Request-Id", "req-json-7")
                    .when().get("/api/allocation/entities").then().statusCode(200);
            await().until(() -> !records.isEmpty());
        } finally {
            access.removeHandler(capture);
        }

        JsonNode line = new ObjectMapper().readTree(console.format(records.get(0)));
        assertThat(line.path("message").asText()).contains("/api/allocation/entities").contains("200");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        JsonNode mdc = line.path("mdc");
        assertThat(mdc.path("requestId").asText()).isEqualTo("req-json-7");
        assertThat(mdc.path("traceId").asText()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(mdc.path("spanId").asText()).matches("[0-9a-f]{16}");
    }

    private static Formatter consoleFormatter() {
        Handler[] handlers = LogContext.getLogContext().getLogger("").getHandlers();
        return Arrays.stream(handlers).flatMap(JsonLogsTest::withNested)
                .filter(h -> h.getClass().getSimpleName().contains("Console"))
                .map(Handler::getFormatter).findFirst()
                .orElseThrow(() -> new AssertionError("no console handler among " + Arrays.toString(handlers)));
    }

    /** Quarkus wraps the console handler (async, delayed start): look inside. */
    private static java.util.stream.Stream<Handler> withNested(Handler h) {
        if (h instanceof ExtHandler ext && ext.getHandlers().length > 0) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(h),
                    Arrays.stream(ext.getHandlers()).flatMap(JsonLogsTest::withNested));
        }
        return java.util.stream.Stream.of(h);
    }
}
