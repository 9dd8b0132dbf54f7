package cn.carbon.allocation;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.testing.KafkaTestClient;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * The outbox table as the proof of what was (or was not) published: every event leaves through it, written in the
 * transaction of its change, so no row for a key means no event for it, now or after any relay delay.
 */
public final class OutboxRows {

    private OutboxRows() {
    }

    /** Outbox rows of {@code topic} keyed {@code key}, sent or not. */
    public static long count(String topic, String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("select count(*) from outbox_event where topic = ?1 and message_key = ?2")
                .setParameter(1, topic).setParameter(2, key).getSingleResult()).longValue());
    }

    /** The events of {@code topic} keyed {@code key} in the order they were written (and are published). */
    @SuppressWarnings("unchecked")
    public static List<EventEnvelope> events(String topic, String key) {
        List<String> payloads = QuarkusTransaction.requiringNew().call(() -> Arc.container().instance(EntityManager.class)
                .get().createNativeQuery("select cast(payload as text) from outbox_event where topic = ?1 "
                        + "and message_key = ?2 order by seq")
                .setParameter(1, topic).setParameter(2, key).getResultList());
        return payloads.stream().map(p -> {
            try {
                return KafkaTestClient.json().readValue(p, EventEnvelope.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
