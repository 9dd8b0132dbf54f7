package cn.carbon.platform.messaging;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.tracing.EventTracing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Writes events into the outbox table inside the caller's transaction: the event exists if and only if the change
 * it describes was committed. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<OutboxWritten> written;

    public Outbox(EntityManager em, ObjectMapper json, Event<OutboxWritten> written) {
        this.em = em;
        this.json = json;
        this.written = written;
    }

    /** Must run inside the transaction of the change; refuses to run without one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, EventEnvelope event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " cannot be written as JSON", e);
        }
        // the command's trace travels with the event (relay → Kafka header → each consumer), tagged with the entity
        Span.current().setAttribute(EventTracing.USCC, event.subject());
        em.createNativeQuery("insert into outbox_event (id, topic, message_key, payload, traceparent) "
                        + "values (?1, ?2, ?3, cast(?4 as jsonb), ?5)")
                .setParameter(1, event.id())
                .setParameter(2, topic)
                .setParameter(3, event.subject())
                .setParameter(4, payload)
                .setParameter(5, EventTracing.current())
                .executeUpdate();
        // observed after commit only: wakes the relay without waiting for its schedule
        written.fire(new OutboxWritten(topic));
    }

    /** Fired inside the transaction; the relay observes it after a successful commit. */
    public record OutboxWritten(String topic) {
    }
}
