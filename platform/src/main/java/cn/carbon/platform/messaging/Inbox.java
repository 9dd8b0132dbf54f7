package cn.carbon.platform.messaging;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.tracing.EventTracing;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.sql.SQLTransientException;
import java.util.function.Consumer;

/**
 * The idempotent consumer. An event's effect and the record that it was applied commit in one transaction, so a
 * redelivered event is skipped and a crash leaves either both or neither. A message that cannot be read, or whose
 * effect is refused, is thrown back as a {@link PoisonMessageException}: the channel's failure strategy sends it to
 * the consumer's dead-letter topic with the reason, and the partition moves on.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final int TRANSIENT_ATTEMPTS = 5;

    private final EntityManager em;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final EventTracing tracing;

    public Inbox(EntityManager em, ObjectMapper json, MeterRegistry metrics, EventTracing tracing) {
        this.em = em;
        this.tracing = tracing;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Applies {@code effect} to the event in {@code payload} once for {@code consumer}.
     *
     * @return true if applied now, false if it had been applied before
     */
    public boolean consume(String consumer, String topic, String payload, Consumer<EventEnvelope> effect) {
        EventEnvelope event;
        try {
            event = read(topic, payload);
        } catch (PoisonMessageException e) {
            metrics.counter("carbon.inbox.events", "consumer", consumer, "topic", topic, "outcome", "dead-letter").increment();
            throw e;
        }
        MDC.put("requestId", "event:" + event.id());
        // the event's trace continues here (its traceparent header), and into whatever the effect publishes
        Span span = tracing.applying(consumer, topic, null);
        span.setAttribute(EventTracing.EVENT_ID, event.id().toString());
        span.setAttribute(EventTracing.USCC, event.subject() == null ? "" : event.subject());
        try (Scope ignored = span.makeCurrent()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    boolean applied = QuarkusTransaction.requiringNew().call(() -> applyOnce(consumer, topic, event, effect));
                    metrics.counter("carbon.inbox.events", "consumer", consumer, "topic", topic,
                            "outcome", applied ? "applied" : "duplicate").increment();
                    return applied;
                } catch (PoisonMessageException e) {
                    metrics.counter("carbon.inbox.events", "consumer", consumer, "topic", topic, "outcome", "dead-letter")
                            .increment();
                    throw e;
                } catch (RuntimeException e) {
                    if (!isTransient(e) || attempt >= TRANSIENT_ATTEMPTS) {
                        metrics.counter("carbon.inbox.events", "consumer", consumer, "topic", topic, "outcome", "dead-letter")
                                .increment();
                        throw new PoisonMessageException("event " + event.id() + " (" + event.type() + ") refused: "
                                + rootMessage(e), e);
                    }
                    LOG.warnf("transient failure applying %s, attempt %d: %s", event.id(), attempt, rootMessage(e));
                    sleep(200L * attempt);
                }
            }
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        } finally {
            span.end();
            MDC.remove("requestId");
        }
    }

    /** An event's data as its contract record; unreadable or missing data is refused (the consumer's DLQ takes it). */
    public <T> T data(EventEnvelope event, Class<T> type) {
        try {
            T value = json.treeToValue(event.data(), type);
            if (value == null) {
                throw new IllegalArgumentException(event.type() + " has no data");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(event.type() + " data unreadable as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private boolean applyOnce(String consumer, String topic, EventEnvelope event, Consumer<EventEnvelope> effect) {
        int recorded = em.createNativeQuery("insert into inbox_applied_event (consumer, event_id, topic, event_type) "
                        + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, event.id())
                .setParameter(3, topic)
                .setParameter(4, event.type())
                .executeUpdate();
        if (recorded == 0) {
            LOG.debugf("event %s already applied by %s", event.id(), consumer);
            return false;
        }
        effect.accept(event);
        return true;
    }

    private EventEnvelope read(String topic, String payload) {
        if (payload == null || payload.isBlank()) {
            throw new PoisonMessageException("empty message on " + topic);
        }
        try {
            return json.readValue(payload, EventEnvelope.class);
        } catch (Exception e) {
            throw new PoisonMessageException("not an event envelope on " + topic + ": " + rootMessage(e), e);
        }
    }

    private static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("40001")
                    || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
