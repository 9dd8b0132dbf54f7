package cn.carbon.offset.messaging;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.Offsets;
import cn.carbon.testing.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static cn.carbon.offset.Offsets.complianceEvent;
import static cn.carbon.offset.Offsets.surrenderedT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** carbon.compliance.v1 through the Inbox: each event once, never an older over a newer one, poison to the DLQ. */
@QuarkusTest
class ComplianceConsumerTest {

    static final String JS = "320000";

    @Inject
    EntityManager em;

    @Test
    void aComplianceEventDeliveredTwiceIsAppliedOnce() {
        String uscc = Offsets.entity(JS, 1_000_000, 1_000_000);
        EventEnvelope event = complianceEvent(uscc, JS, 2021, 1_000_000, 400_000, 0, Instant.now());
        KafkaTestClient.send(Topics.COMPLIANCE, event);
        KafkaTestClient.send(Topics.COMPLIANCE, event);
        // a marker on the same key (partition) proves both copies were consumed before we count
        Offsets.surrendered(uscc, JS, 2022, 1_000_000, 1, 0);
        assertThat(surrenderedT(uscc, 2021)).isEqualTo(400_000);
        assertThat(count("select count(*) from inbox_applied_event where consumer = 'offset-service' and event_id = ?1",
                event.id())).isEqualTo(1);
        assertThat(count("select count(*) from compliance_position where uscc = ?1", uscc)).isEqualTo(2);
    }

    @Test
    void anOlderEventNeverOverwritesANewerOne() {
        String uscc = Offsets.entity(JS, 1_000_000, 1_000_000);
        Instant now = Instant.now();
        EventEnvelope newer = complianceEvent(uscc, JS, 2021, 1_000_000, 500_000, 0, now);
        EventEnvelope older = complianceEvent(uscc, JS, 2021, 1_000_000, 100_000, 0, now.minusSeconds(3600));
        KafkaTestClient.send(Topics.COMPLIANCE, newer);
        KafkaTestClient.send(Topics.COMPLIANCE, older); // e.g. a dead letter replayed late
        Offsets.surrendered(uscc, JS, 2022, 1_000_000, 7, 0); // marker on the same key
        assertThat(count("select count(*) from inbox_applied_event where event_id = ?1", older.id())).isEqualTo(1);
        assertThat(surrenderedT(uscc, 2021)).isEqualTo(500_000);
        assertThat(Offsets.headroom(uscc, 2021).getLong("remainingObligationT")).isEqualTo(500_000);
        // a later one does replace it
        Offsets.surrendered(uscc, JS, 2021, 1_000_000, 600_000, 0);
        assertThat(surrenderedT(uscc, 2021)).isEqualTo(600_000);
    }

    @Test
    void poisonComplianceEventsGoToTheDeadLetterTopicWithTheirReasonAndLaterOnesGoThrough() {
        String uscc = Offsets.entity(JS, 1_000_000, 1_000_000);
        KafkaTestClient.send(Topics.COMPLIANCE, uscc, "{not json");
        EventEnvelope good = complianceEvent(uscc, JS, 2021, 1_000_000, 1, 0, Instant.now());
        EventEnvelope unknownType = new EventEnvelope(UUID.randomUUID(), "ComplianceGuessed", "surrender-service",
                Instant.now(), uscc, Offsets.CYCLE, good.data());
        KafkaTestClient.send(Topics.COMPLIANCE, unknownType);
        EventEnvelope wrongYear = complianceEvent(uscc, JS, 2023, 1_000_000, 5, 0, Instant.now());
        KafkaTestClient.send(Topics.COMPLIANCE, wrongYear);
        EventEnvelope negative = complianceEvent(uscc, JS, 2021, 1_000_000, -5, 0, Instant.now());
        KafkaTestClient.send(Topics.COMPLIANCE, negative);
        Offsets.surrendered(uscc, JS, 2021, 1_000_000, 300_000, 0); // later events on the key still go through

        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAll(
                Topics.deadLetter(Topics.COMPLIANCE, "offset-service"), Duration.ofSeconds(5)).stream()
                .filter(r -> uscc.equals(r.key())).toList();
        assertThat(dead).hasSize(4);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("not an event envelope");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("unknown compliance event type ComplianceGuessed");
        assertThat(header(dead.get(2), "dead-letter-reason")).contains("2023 is not a year of cycle 2021-2022");
        assertThat(header(dead.get(3), "dead-letter-reason")).contains("negative quantity");
        assertThat(surrenderedT(uscc, 2021)).isEqualTo(300_000);
        assertThat(surrenderedT(uscc, 2023)).isEqualTo(-1);
        assertThat(count("select count(*) from inbox_applied_event where event_id in (?1, ?2, ?3)", unknownType.id(),
                wrongYear.id(), negative.id())).isZero();
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
