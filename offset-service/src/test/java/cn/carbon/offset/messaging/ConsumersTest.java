package cn.carbon.offset.messaging;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.Offsets;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
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

import static cn.carbon.offset.Offsets.headroom;
import static cn.carbon.offset.Offsets.known;
import static cn.carbon.offset.Offsets.obligationEvent;
import static cn.carbon.offset.Offsets.obligationT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** carbon.entities.v1 and carbon.obligations.v1 through the Inbox: each event once, poison to the DLQ. */
@QuarkusTest
class ConsumersTest {

    static final String JS = "320000";

    @Inject
    EntityManager em;

    @Test
    void anObligationDeliveredTwiceIsAppliedOnceAndALaterOneReplacesIt() {
        String uscc = Offsets.entity(JS, 2_000_000, 1_800_000);
        EventEnvelope lower = obligationEvent(uscc, JS, 2021, 1_500_000);
        KafkaTestClient.send(Topics.OBLIGATIONS, lower);
        KafkaTestClient.send(Topics.OBLIGATIONS, lower);
        await().atMost(Duration.ofSeconds(30)).until(() -> obligationT(uscc, 2021) == 1_500_000);
        // a marker on the same key proves both copies were consumed before we count
        Offsets.changeObligation(uscc, JS, 2022, 1_700_000);
        assertThat(count("select count(*) from inbox_applied_event where event_id = ?1", lower.id())).isEqualTo(1);
        assertThat(headroom(uscc, 2021).getLong("capT")).isEqualTo(75_000);
        assertThat(headroom(uscc, 2022).getLong("capT")).isEqualTo(85_000);
    }

    @Test
    void anExemptObligationLeavesNoCap() {
        String uscc = Offsets.entity(JS, 1_000_000, 1_000_000);
        KafkaTestClient.send(Topics.OBLIGATIONS, EventEnvelope.of(ObligationEvent.SET, "allocation-service", uscc,
                Offsets.CYCLE, KafkaTestClient.json().valueToTree(new ObligationEvent(uscc, JS, Offsets.CYCLE, 2021,
                        0, true, "DISSOLVED", "CN-ETS-2021-2022-power", 1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> obligationT(uscc, 2021) == 0);
        var h = headroom(uscc, 2021);
        assertThat(h.getBoolean("exempt")).isTrue();
        assertThat(h.getLong("capT")).isZero();
    }

    @Test
    void anEntityDeliveredTwiceIsAppliedOnceAndAStatusChangeUpdatesIt() {
        String uscc = TestUscc.next(JS);
        EventEnvelope registered = TestEvents.entityRegistered(uscc, JS);
        KafkaTestClient.send(Topics.ENTITIES, registered);
        KafkaTestClient.send(Topics.ENTITIES, registered);
        KafkaTestClient.send(Topics.ENTITIES, EventEnvelope.of(EntityEvent.STATUS_CHANGED, "allocation-service", uscc, null,
                KafkaTestClient.json().valueToTree(new EntityEvent(uscc, "Renamed", JS, "POWER", "COMPLIANCE_RISK"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLIANCE_RISK".equals(status(uscc)));
        assertThat(count("select count(*) from inbox_applied_event where event_id = ?1", registered.id())).isEqualTo(1);
        assertThat(count("select count(*) from entity_directory where uscc = ?1", uscc)).isEqualTo(1);
    }

    @Test
    void controlCharactersInAnEventAreDataNotPoison() {
        // only HTTP request bodies are refused for them; an event is applied as its producer wrote it
        String uscc = TestUscc.next(JS);
        String name = "某某\t电厂\u0001（二期）\u007f";
        EventEnvelope registered = EventEnvelope.of(EntityEvent.REGISTERED, "allocation-service", uscc, null,
                KafkaTestClient.json().valueToTree(new EntityEvent(uscc, name, JS, "POWER", "OPERATING")));
        KafkaTestClient.send(Topics.ENTITIES, registered);
        await().atMost(Duration.ofSeconds(30)).until(() -> known(uscc));
        assertThat(QuarkusTransaction.requiringNew().call(() -> KnownEntity.<KnownEntity>findById(uscc).name))
                .isEqualTo(name);
        assertThat(count("select count(*) from inbox_applied_event where event_id = ?1", registered.id())).isEqualTo(1);
    }

    @Test
    void poisonEntityEventsGoToTheDeadLetterTopicAndLaterOnesGoThrough() {
        String poisonKey = TestUscc.next("110000");
        KafkaTestClient.send(Topics.ENTITIES, poisonKey, "{not json");
        String half = TestUscc.next("110000");
        KafkaTestClient.send(Topics.ENTITIES, new EventEnvelope(UUID.randomUUID(), EntityEvent.REGISTERED,
                "allocation-service", Instant.now(), half, null, KafkaTestClient.json().createObjectNode().put("uscc", half)));
        String after = TestUscc.next("110000");
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(after, "110000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> known(after));

        // each dead letter awaited by its own key (they may sit on different partitions)
        var dead = KafkaTestClient.awaitKeys(Topics.deadLetter(Topics.ENTITIES, "offset-service"), Duration.ofSeconds(60),
                poisonKey, half);
        ConsumerRecord<String, String> poison = dead.get(poisonKey);
        assertThat(poison.value()).isEqualTo("{not json");
        assertThat(header(poison, "dead-letter-reason")).contains("not an event envelope");
        ConsumerRecord<String, String> refused = dead.get(half);
        assertThat(header(refused, "dead-letter-reason")).contains("lacks uscc, name, provinceCode or status");
        assertThat(known(half)).isFalse();
        assertThat(count("select count(*) from inbox_applied_event where event_id = ?1",
                KafkaTestClient.envelope(refused).id())).isZero();
    }

    @Test
    void poisonObligationEventsGoToTheDeadLetterTopicAndLaterOnesGoThrough() {
        String uscc = Offsets.entity(JS, 1_000_000, 1_000_000);
        KafkaTestClient.send(Topics.OBLIGATIONS, uscc, "[]");
        EventEnvelope wrongYear = obligationEvent(uscc, JS, 2023, 5_000_000);
        KafkaTestClient.send(Topics.OBLIGATIONS, wrongYear);
        EventEnvelope negative = obligationEvent(uscc, JS, 2021, -1);
        KafkaTestClient.send(Topics.OBLIGATIONS, negative);
        Offsets.changeObligation(uscc, JS, 2021, 1_200_000); // later events on the key still go through

        // all three awaited, then a quiet period in which a fourth would show
        String dlq = Topics.deadLetter(Topics.OBLIGATIONS, "offset-service");
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        KafkaTestClient.readUntil(dlq, Duration.ofSeconds(60), r -> uscc.equals(r.key()) && seen.incrementAndGet() == 3);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAllOf(dlq, uscc, Duration.ofSeconds(3));
        assertThat(dead).hasSize(3);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("not an event envelope");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("2023 is not a year of cycle 2021-2022");
        assertThat(header(dead.get(2), "dead-letter-reason")).contains("must not be negative");
        assertThat(obligationT(uscc, 2021)).isEqualTo(1_200_000);
        assertThat(obligationT(uscc, 2023)).isEqualTo(-1); // never stored
        assertThat(count("select count(*) from inbox_applied_event where event_id in (?1, ?2)", wrongYear.id(),
                negative.id())).isZero();
    }

    private String status(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> {
            KnownEntity e = KnownEntity.findById(uscc);
            return e == null ? null : e.status;
        });
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
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
