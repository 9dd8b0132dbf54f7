package cn.carbon.allocation.tracing;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaResource;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace of a command travels with its events: a registration's trace (begun by the caller, as the gateway does)
 * is stored with the outbox row, published as the Kafka header, and an event arriving with a traceparent header is
 * applied in the same trace. Real PostgreSQL and Kafka; spans collected in memory instead of by an OTLP collector.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.simple", "true");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    CollectedSpans spans;
    @Inject
    EntityManager em;

    @Test
    void aRegistrationsTraceIsStoredWithTheEventAndPublishedAsItsHeader() {
        String trace = hex(16);
        String uscc = TestUscc.next("110000");
        given().auth().oauth2(Tokens.registry()).contentType("application/json")
                .header("traceparent", "00-" + trace + "-" + hex(8) + "-01")
                .header("X-Request-Id", "req-trace-1")
                .header("Idempotency-Key", "trace-" + uscc)
                .body(Map.of("uscc", uscc, "name", "追踪测试 Trace test", "provinceCode", "110000", "sector", "POWER"))
                .when().post("/api/allocation/entities").then().statusCode(201);

        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select traceparent from outbox_event where topic = ?1 and message_key = ?2")
                .setParameter(1, Topics.ENTITIES).setParameter(2, uscc).getSingleResult());
        assertThat(stored).startsWith("00-" + trace + "-");

        ConsumerRecord<String, String> published = KafkaTestClient.awaitKeys(Topics.ENTITIES, WAIT, uscc).get(uscc);
        Header header = published.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header").isNotNull();
        String sent = new String(header.value(), StandardCharsets.UTF_8);
        assertThat(sent).startsWith("00-" + trace + "-");

        // the server span carries the request id and the entity; the producer span is the header's parent span
        await().atMost(WAIT).untilAsserted(() -> {
            List<SpanData> mine = spans.all().stream().filter(s -> s.getTraceId().equals(trace)).toList();
            assertThat(mine).anySatisfy(s -> {
                assertThat(s.getAttributes().asMap().toString()).contains("carbon.request_id=req-trace-1")
                        .contains("carbon.uscc=" + uscc);
            });
            assertThat(mine).anySatisfy(s -> {
                assertThat(s.getName()).isEqualTo("publish " + Topics.ENTITIES);
                assertThat(sent).contains(s.getSpanId());
            });
        });
    }

    @Test
    void anEventIsAppliedInTheTraceOfItsHeader() throws Exception {
        String trace = hex(16);
        String parentSpan = hex(8);
        String uscc = TestUscc.next("110000");
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), ComplianceEvent.CHANGED, "surrender-service",
                Instant.parse("2023-11-01T02:00:00Z"), uscc, "2021-2022", KafkaTestClient.json().valueToTree(new ComplianceEvent(
                        uscc, "110000", "2021-2022", 2022, 1000, 0, 0, 0, 1000, 0, "OPEN", null, null)));
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.COMPLIANCE, uscc,
                KafkaTestClient.json().writeValueAsString(event));
        record.headers().add("traceparent", ("00-" + trace + "-" + parentSpan + "-01").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", KafkaResource.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(spans.all()).anySatisfy(s -> {
            assertThat(s.getName()).isEqualTo("apply " + Topics.COMPLIANCE);
            assertThat(s.getTraceId()).isEqualTo(trace);
            assertThat(s.getAttributes().asMap().toString()).contains("carbon.event_id=" + event.id());
        }));
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }
}
