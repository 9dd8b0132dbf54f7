package cn.carbon.e2e.tracing;

import cn.carbon.e2e.Keycloak;
import cn.carbon.e2e.tracing.OtlpReceiver.ReceivedSpan;
import cn.carbon.testing.TestUscc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One registration through the gateway is one trace: the gateway's and allocation-service's request spans, the outbox
 * relay's producer span and the consumer span of each service that reads carbon.entities.v1 (surrender, offset, risk)
 * share the trace id, and each consumer's span descends from the producer's through the Kafka header. The stack must
 * run with {@code CARBON_OTLP_ENDPOINT} (./carbon test sets it): its services export their spans to the receiver here.
 */
class OneTraceIT {

    static final String GATEWAY = System.getProperty("carbon.gateway", "http://127.0.0.1:8080");
    static final String OTLP = System.getProperty("carbon.otlp", "http://127.0.0.1:4318");
    static final String TOPIC = "carbon.entities.v1";
    static final List<String> CONSUMERS = List.of("surrender-service", "offset-service", "risk-service");
    static final Duration PATIENCE = Duration.ofMinutes(3); // batch export every 5 s; a loaded 2-core machine is slow

    static OtlpReceiver receiver;

    @BeforeAll
    static void listen() throws Exception {
        receiver = OtlpReceiver.listen(OTLP);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void a_registration_is_one_trace_from_the_gateway_through_the_broker_to_each_consumer() throws Exception {
        String uscc = TestUscc.next("320000");
        String requestId = "trace-e2e-" + UUID.randomUUID();
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(GATEWAY + "/api/allocation/entities"))
                .header("Authorization", "Bearer " + Keycloak.user("registry.officer"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", requestId)
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"uscc\":\"" + uscc
                        + "\",\"name\":\"链路追踪测试企业\",\"provinceCode\":\"320000\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // every span of the registration, once all have arrived: the request's (by its id), the event's (by the USCC)
        await("the spans of the gateway, allocation-service's request and relay, and " + CONSUMERS
                + " for " + uscc + " at " + OTLP + " (is the stack started with CARBON_OTLP_ENDPOINT?)")
                .atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> request("gateway", requestId).isPresent() && request("allocation-service", requestId).isPresent()
                        && producer(uscc).isPresent() && CONSUMERS.stream().allMatch(c -> consumer(c, uscc).isPresent()));

        ReceivedSpan gateway = request("gateway", requestId).orElseThrow();
        ReceivedSpan allocation = request("allocation-service", requestId).orElseThrow();
        ReceivedSpan relay = producer(uscc).orElseThrow();
        String trace = gateway.traceId();
        System.out.println("[trace] registration of " + uscc + " (request " + requestId + "): trace " + trace);
        receiver.spans().stream().filter(s -> s.traceId().equals(trace))
                .forEach(s -> System.out.println("[trace]   " + s));

        assertThat(trace).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(allocation.traceId()).as("allocation-service's request span").isEqualTo(trace);
        assertThat(allocation.attribute("carbon.uscc")).as("allocation-service's request span's entity").isEqualTo(uscc);
        assertThat(relay.traceId()).as("the outbox relay's producer span").isEqualTo(trace);
        for (String service : CONSUMERS) {
            ReceivedSpan applied = consumer(service, uscc).orElseThrow();
            assertThat(applied.traceId()).as(service + "'s consumer span").isEqualTo(trace);
            assertThat(applied.attribute("messaging.consumer.group.name")).as(service + "'s group").isEqualTo(service);
        }
        // the spans between (the messaging connector's receive span) may come in a later batch than the consumer's
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, ReceivedSpan> byId = receiver.spans().stream()
                    .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));
            for (String service : CONSUMERS) {
                assertThat(ancestors(consumer(service, uscc).orElseThrow(), byId))
                        .as(service + "'s consumer span descends from the relay's producer span").contains(relay.spanId());
            }
            assertThat(ancestors(relay, byId)).as("the relay's producer span descends from the gateway's")
                    .contains(gateway.spanId());
        });
        assertThat(receiver.errors()).as("OTLP requests the receiver could not decode").isEmpty();
    }

    /** A service's request span: the server span tagged with the request id. */
    static Optional<ReceivedSpan> request(String service, String requestId) {
        return receiver.spans().stream().filter(s -> s.service().equals(service) && s.kind().equals("SPAN_KIND_SERVER")
                && requestId.equals(s.attribute("carbon.request_id"))).findFirst();
    }

    static Optional<ReceivedSpan> producer(String uscc) {
        return receiver.spans().stream().filter(s -> s.service().equals("allocation-service")
                && s.kind().equals("SPAN_KIND_PRODUCER") && s.name().equals("publish " + TOPIC)
                && uscc.equals(s.attribute("carbon.uscc"))).findFirst();
    }

    static Optional<ReceivedSpan> consumer(String service, String uscc) {
        return receiver.spans().stream().filter(s -> s.service().equals(service) && s.kind().equals("SPAN_KIND_CONSUMER")
                && s.name().equals("apply " + TOPIC) && uscc.equals(s.attribute("carbon.uscc"))).findFirst();
    }

    /** The span ids above {@code span}, as far as the received spans reach. */
    static List<String> ancestors(ReceivedSpan span, Map<String, ReceivedSpan> byId) {
        List<String> up = new java.util.ArrayList<>();
        for (ReceivedSpan s = span; s != null && !s.parentSpanId().isEmpty() && up.size() < 50; s = byId.get(s.parentSpanId())) {
            up.add(s.parentSpanId());
        }
        return up;
    }
}
