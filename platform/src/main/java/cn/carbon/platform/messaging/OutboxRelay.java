package cn.carbon.platform.messaging;

import cn.carbon.platform.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Publishes committed outbox rows to Kafka, at least once, in commit order per relay. Rows are locked with
 * {@code FOR UPDATE SKIP LOCKED} so that several replicas never publish the same batch concurrently; a row is marked
 * sent only after the broker acknowledged it, so a crash in between re-sends it (consumers skip the repeat).
 * <p>
 * After a commit the relay runs as a pipeline of at most {@value #IN_FLIGHT} passes: a pass selects and hands its rows
 * to the producer in turn, then waits for the broker's acknowledgements while the next pass already selects the rows
 * committed since (the rows in flight are locked, so skipped). The broker's round trip, several handoffs between
 * threads, no longer holds back the next batch. The turn keeps the hand-over in {@code seq} order, so events of one key
 * reach their partition in the order of the outbox. A pass the broker did not acknowledge leaves its rows unsent; a
 * later pass sends them again, possibly after rows of the pass beside it (consumers skip what they applied, as they do
 * for any repeat). {@link #relayPending()} runs its passes alone and returns once everything it saw is acknowledged.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final int IN_FLIGHT = 2;
    private static final int BATCH = 500;

    private final EntityManager em;
    private final Config config;
    private final EventTracing tracing;
    private final Counter relayed;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    /** shared by pipelined passes; taken alone by {@link #relayPending()} and {@link #stop()} */
    private final ReentrantReadWriteLock passes = new ReentrantReadWriteLock();
    /** one pass at a time selects and hands its rows to the producer */
    private final ReentrantLock turn = new ReentrantLock();
    private final ExecutorService wakeups = Executors.newFixedThreadPool(IN_FLIGHT, new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "outbox-relay-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private volatile KafkaProducer<String, String> producer;

    public OutboxRelay(EntityManager em, Config config, MeterRegistry metrics, EventTracing tracing) {
        this.em = em;
        this.tracing = tracing;
        this.config = config;
        this.relayed = Counter.builder("carbon.outbox.relayed").description("events published from the outbox")
                .register(metrics);
        Gauge.builder("carbon.outbox.pending", this, OutboxRelay::pendingQuietly)
                .description("outbox events not yet acknowledged by Kafka").register(metrics);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wake();
    }

    /** Rows a failed pass left, or that a commit's wake-up missed (one that came while the service was stopping). */
    @Scheduled(every = "${carbon.outbox.relay-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        wake();
    }

    /**
     * One wake-up pending at a time: commits while a pass runs bring one more pass, not one each. The flag is cleared
     * before the pass selects, so a row committed after that select always has a pass of its own coming.
     */
    private void wake() {
        if (running.get() && wakeRequested.compareAndSet(false, true)) {
            wakeups.submit(() -> {
                wakeRequested.set(false);
                relayQuietly();
            });
        }
    }

    private void relayQuietly() {
        try {
            pipelined();
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
        }
    }

    /** Passes beside other passes, until one finds less than a full batch. */
    private void pipelined() {
        passes.readLock().lock();
        try {
            untilShortBatch();
        } finally {
            passes.readLock().unlock();
        }
    }

    /**
     * Publishes every pending row, batch by batch, once the passes in flight are done and with none beside it; returns
     * how many were acknowledged.
     */
    public int relayPending() {
        passes.writeLock().lock();
        try {
            return untilShortBatch();
        } finally {
            passes.writeLock().unlock();
        }
    }

    /** Batch after batch until one is not full; returns how many rows were acknowledged. */
    private int untilShortBatch() {
        int total = 0;
        int batch;
        do {
            batch = running.get() ? QuarkusTransaction.requiringNew().call(this::relayBatch) : 0;
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    @SuppressWarnings("unchecked")
    private int relayBatch() {
        List<Future<RecordMetadata>> acks;
        List<Long> seqs;
        turn.lock();
        try {
            List<Object[]> rows = em.createNativeQuery("select seq, topic, message_key, cast(payload as text), traceparent "
                            + "from outbox_event "
                            + "where sent_at is null order by seq limit " + BATCH + " for update skip locked")
                    .getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            KafkaProducer<String, String> kafka = producer();
            acks = new ArrayList<>(rows.size());
            seqs = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                seqs.add(((Number) row[0]).longValue());
                acks.add(send(kafka, (String) row[1], (String) row[2], (String) row[3], (String) row[4]));
            }
        } finally {
            turn.unlock(); // the rows stay locked until this transaction ends: the next pass skips them
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // nothing of this batch is marked: all of it goes again (at least once)
                throw new IllegalStateException("Kafka did not acknowledge an outbox event", e);
            }
        }
        em.createNativeQuery("update outbox_event set sent_at = now() where seq in (:seqs)")
                .setParameter("seqs", seqs).executeUpdate();
        relayed.increment(seqs.size());
        return seqs.size();
    }

    /** One event, from a producer span of the command's trace whose traceparent goes along as a header. */
    private Future<RecordMetadata> send(KafkaProducer<String, String> kafka, String topic, String key, String payload,
                                        String traceparent) {
        Span span = tracing.publishing(topic, key, traceparent);
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            String header = EventTracing.header(span, traceparent);
            if (header != null) {
                record.headers().add(EventTracing.HEADER, header.getBytes(StandardCharsets.UTF_8));
            }
            return kafka.send(record);
        } finally {
            span.end();
        }
    }

    public long pending() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from outbox_event where sent_at is null").getSingleResult()).longValue());
    }

    private double pendingQuietly() {
        try {
            return pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Stops publishing and closes the producer, as a shutdown would. Pending rows stay in the outbox. */
    public void stop() {
        passes.writeLock().lock();
        try {
            running.set(false);
            if (producer != null) {
                producer.close();
                producer = null;
            }
        } finally {
            passes.writeLock().unlock();
        }
    }

    /** Starts again after {@link #stop()}, with a new producer, and publishes what is pending. */
    public void start() {
        running.set(true);
        relayPending();
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        stop();
        wakeups.shutdownNow();
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            current = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
            producer = current;
        }
        return current;
    }

    /** Every {@code kafka.*} property of the service (bootstrap servers, SASL, TLS), plus durable defaults. */
    private Map<String, Object> producerConfig() {
        Map<String, Object> props = KafkaClientProperties.of(config);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // a pass hands its rows over in one burst and the next pass does not wait for them: a batch is sent once the
        // burst is in (1 ms), not after the client's default 5 ms
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.getOptionalValue("quarkus.application.name", String.class)
                .orElse("carbon") + "-outbox");
        return props;
    }
}
