package cn.carbon.platform.messaging;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.tracing.EventTracing;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The idempotent consumer. An event's effect and the record that it was applied commit in one transaction, so a
 * redelivered event is skipped and a crash leaves either both or neither. A message that cannot be read, or whose
 * effect is refused, is thrown back as a {@link PoisonMessageException}: the channel's failure strategy sends it to
 * the consumer's dead-letter topic with the reason, and the partition moves on. The channels take their records in
 * batches ({@link #consumeBatch}): one transaction per poll, event by event only to isolate a poison message.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String DEAD_LETTER = "dead-letter";
    /** Joins a batch's subjects, ids or types for one statement (chr(31), the unit separator: none contains it). */
    private static final String SUBJECT_SEPARATOR = "\u001f";

    private final EntityManager em;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final EventTracing tracing;
    private final Duration unavailableFor;

    public Inbox(EntityManager em, ObjectMapper json, MeterRegistry metrics, EventTracing tracing,
                 @ConfigProperty(name = "carbon.inbox.database-unavailable-wait", defaultValue = "PT2M")
                 Duration unavailableFor) {
        this.em = em;
        this.unavailableFor = unavailableFor;
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
            count(consumer, topic, DEAD_LETTER, 1);
            throw e;
        }
        return consumeOne(consumer, topic, event, null, () -> TransactionEffect.each(effect));
    }

    /**
     * Applies what one poll returned in a single transaction: every event's effect and its inbox row commit together,
     * in the order received (per partition, so per key). If the batch fails, each event is applied again in a
     * transaction of its own, so that only a poison message is refused: it is nacked with its reason (the channel's
     * dead-letter topic takes it) and the others are applied once. Nothing is acknowledged before its effect committed.
     *
     * @return completes when every message of the batch is acknowledged or dead-lettered
     */
    public CompletionStage<Void> consumeBatch(String consumer, String topic, List<? extends Message<String>> messages,
                                              Consumer<EventEnvelope> effect) {
        return consumeBatch(consumer, topic, messages, () -> TransactionEffect.each(effect));
    }

    /**
     * As {@link #consumeBatch(String, String, List, Consumer)}, with work done once per transaction before its commit:
     * {@code effects} gives a new {@link TransactionEffect} for each transaction (the batch, or one event).
     */
    public CompletionStage<Void> consumeBatch(String consumer, String topic, List<? extends Message<String>> messages,
                                              Supplier<TransactionEffect> effects) {
        List<CompletionStage<Void>> settled = new ArrayList<>(messages.size());
        List<Delivery> readable = new ArrayList<>(messages.size());
        for (Message<String> message : messages) {
            try {
                readable.add(new Delivery(message, read(topic, message.getPayload()), traceparent(message)));
            } catch (PoisonMessageException e) {
                count(consumer, topic, DEAD_LETTER, 1);
                settled.add(message.nack(e));
            }
        }
        if (readable.size() > 1 && applyTogether(consumer, topic, readable, effects)) {
            readable.forEach(d -> settled.add(d.message().ack()));
        } else {
            for (Delivery d : readable) {
                try {
                    consumeOne(consumer, topic, d.event(), d.traceparent(), effects);
                    settled.add(d.message().ack());
                } catch (PoisonMessageException e) {
                    settled.add(d.message().nack(e));
                }
            }
        }
        return CompletableFuture.allOf(settled.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    private record Delivery(Message<String> message, EventEnvelope event, String traceparent) {
    }

    /** The batch in one transaction; false (nothing of it committed) if any event failed. */
    private boolean applyTogether(String consumer, String topic, List<Delivery> batch,
                                  Supplier<TransactionEffect> effects) {
        try {
            int applied = QuarkusTransaction.requiringNew().call(() -> {
                TransactionEffect effect = effects.get();
                lockSubjects(batch);
                Set<UUID> recorded = recordAll(consumer, topic, batch);
                List<UUID> fresh = new ArrayList<>(recorded.size());
                for (Delivery d : batch) {
                    if (!recorded.remove(d.event().id())) {   // applied before, or earlier in this batch
                        LOG.debugf("event %s already applied by %s", d.event().id(), consumer);
                        continue;
                    }
                    traced(consumer, topic, d.event(), d.traceparent(), () -> {
                        effect.apply(d.event());
                        return true;
                    });
                    fresh.add(d.event().id());
                    // each event's changes written and the persistence context emptied, as between the transactions of
                    // one event each: Hibernate flushes before every query, and a flush checked every entity the batch
                    // had touched so far (a third of surrender-service's CPU under 200 registrations/s)
                    em.flush();
                    em.clear();
                }
                if (!fresh.isEmpty()) {
                    effect.beforeCommit();
                    em.flush();
                    // applied_at defaults to the transaction's start: the batch's events were applied when it ends
                    em.createNativeQuery("update inbox_applied_event set applied_at = clock_timestamp() "
                            + "where consumer = :consumer and event_id in (:ids)")
                            .setParameter("consumer", consumer).setParameter("ids", fresh).executeUpdate();
                }
                return fresh.size();
            });
            count(consumer, topic, "applied", applied);
            count(consumer, topic, "duplicate", batch.size() - applied);
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("a batch of %d on %s is applied event by event: %s", batch.size(), topic, rootMessage(e));
            return false;
        }
    }

    /**
     * The batch's inbox rows in one statement; an event applied before (or twice in the batch) gets none.
     *
     * @return the ids of the events this transaction applies
     */
    private Set<UUID> recordAll(String consumer, String topic, List<Delivery> batch) {
        StringJoiner ids = new StringJoiner(SUBJECT_SEPARATOR);
        StringJoiner types = new StringJoiner(SUBJECT_SEPARATOR);
        for (Delivery d : batch) {
            ids.add(d.event().id().toString());
            types.add(d.event().type());
        }
        List<?> rows = em.createNativeQuery("insert into inbox_applied_event (consumer, event_id, topic, event_type) "
                        + "select ?1, cast(e.id as uuid), ?2, e.type "
                        + "from unnest(string_to_array(?3, chr(31)), string_to_array(?4, chr(31))) as e(id, type) "
                        + "on conflict do nothing returning cast(event_id as text)")
                .setParameter(1, consumer).setParameter(2, topic)
                .setParameter(3, ids.toString()).setParameter(4, types.toString())
                .getResultList();
        Set<UUID> recorded = new HashSet<>(rows.size() * 2);
        rows.forEach(id -> recorded.add(UUID.fromString((String) id)));
        return recorded;
    }

    /**
     * The batch's entities locked first, in one order: two batches (of two channels) that touch the same entities
     * wait for each other instead of deadlocking.
     */
    private void lockSubjects(List<Delivery> batch) {
        lockSubjects(em, batch.stream().map(d -> d.event().subject()).filter(java.util.Objects::nonNull).toList());
    }

    /**
     * Transaction-scoped advisory locks on {@code subjects} (an entity's USCC), taken in sorted order by one
     * statement: the key the inbox takes per batch, and risk-service's recomputation per entity.
     */
    public static void lockSubjects(EntityManager em, java.util.Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        // unnest yields the sorted array in order, and each row takes its lock in turn
        em.createNativeQuery("select cast(pg_advisory_xact_lock(hashtextextended(s, 0)) as text) "
                        + "from unnest(string_to_array(?1, chr(31))) as s")
                .setParameter(1, String.join(SUBJECT_SEPARATOR, new java.util.TreeSet<>(subjects))).getResultList();
    }

    private boolean consumeOne(String consumer, String topic, EventEnvelope event, String traceparent,
                               Supplier<TransactionEffect> effects) {
        return traced(consumer, topic, event, traceparent, () -> {
            long start = System.nanoTime();
            for (int attempt = 1; ; attempt++) {
                try {
                    boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                        TransactionEffect effect = effects.get();
                        // the entity locked as a batch locks its subjects: a consumer relies on it either way
                        if (event.subject() != null) {
                            lockSubjects(em, List.of(event.subject()));
                        }
                        if (!applyOnce(consumer, topic, event, effect)) {
                            return false;
                        }
                        effect.beforeCommit();
                        return true;
                    });
                    count(consumer, topic, applied ? "applied" : "duplicate", 1);
                    return applied;
                } catch (PoisonMessageException e) {
                    count(consumer, topic, DEAD_LETTER, 1);
                    throw e;
                } catch (RuntimeException e) {
                    TransientFailure kind = TransientFailure.of(e);
                    Duration pause = kind.pauseAfter(attempt, Duration.ofNanos(System.nanoTime() - start), unavailableFor);
                    if (pause == null) {
                        count(consumer, topic, DEAD_LETTER, 1);
                        throw new PoisonMessageException("event " + event.id() + " (" + event.type() + ") refused: "
                                + rootMessage(e), e);
                    }
                    LOG.warnf("%s applying %s, attempt %d, again in %d ms: %s", kind == TransientFailure.UNAVAILABLE
                            ? "database unavailable" : "contention", event.id(), attempt, pause.toMillis(), rootMessage(e));
                    sleep(pause.toMillis());
                }
            }
        });
    }

    /** The event's trace continues here (its traceparent header), and into whatever the effect publishes. */
    private boolean traced(String consumer, String topic, EventEnvelope event, String traceparent,
                           java.util.function.BooleanSupplier work) {
        MDC.put("requestId", "event:" + event.id());
        Span span = tracing.applying(consumer, topic, traceparent);
        span.setAttribute(EventTracing.EVENT_ID, event.id().toString());
        span.setAttribute(EventTracing.USCC, event.subject() == null ? "" : event.subject());
        try (Scope ignored = span.makeCurrent()) {
            return work.getAsBoolean();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        } finally {
            span.end();
            MDC.remove("requestId");
        }
    }

    private void count(String consumer, String topic, String outcome, int n) {
        if (n > 0) {
            metrics.counter("carbon.inbox.events", "consumer", consumer, "topic", topic, "outcome", outcome).increment(n);
        }
    }

    private static String traceparent(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(EventTracing.HEADER))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8))
                .orElse(null);
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

    private boolean applyOnce(String consumer, String topic, EventEnvelope event, TransactionEffect effect) {
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
        effect.apply(event);
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
