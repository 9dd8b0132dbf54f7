package cn.carbon.platform.audit;

import cn.carbon.contracts.AuditAnchor;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.KafkaClientProperties;
import cn.carbon.platform.messaging.Outbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anchors the head of the audit chain outside the database: at intervals ({@code carbon.audit.anchor-every}) and on
 * demand, the newest entry's sequence and HMAC go through the outbox to the compacted {@code carbon.audit-anchors.v1}
 * (key = the service). Verification reads the newest anchor back from Kafka, never from a table of its own: whoever
 * may delete the newest entries could delete a local copy of the anchor as well.
 */
@ApplicationScoped
public class AuditAnchors {

    private static final Logger LOG = Logger.getLogger(AuditAnchors.class);
    /** How far back from a partition's end one read goes; anchors are small and the topic is compacted. */
    private static final int WINDOW = 500;

    /** The newest anchor of this service found on the topic, and where. */
    public record Found(AuditAnchor anchor, int partition, long offset) {
    }

    private final AuditTrail trail;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Config config;
    private final String service;

    public AuditAnchors(AuditTrail trail, Outbox outbox, ObjectMapper json, Config config) {
        this.trail = trail;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.service = config.getOptionalValue("quarkus.application.name", String.class).orElse("carbon");
    }

    @Scheduled(every = "${carbon.audit.anchor-every:60s}", delayed = "${carbon.audit.anchor-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        try {
            anchor();
        } catch (RuntimeException e) {
            LOG.warnf("audit anchor not written, will retry: %s", e.getMessage());
        }
    }

    /** Writes the chain's head into the outbox; the relay publishes it after the commit. */
    public AuditAnchor anchor() {
        return QuarkusTransaction.requiringNew().call(() -> {
            AuditTrail.Head head = trail.head();
            AuditAnchor anchor = new AuditAnchor(service, head.seq(), head.hash(),
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            outbox.publish(Topics.AUDIT_ANCHORS, EventEnvelope.of(AuditAnchor.ANCHORED, service, service, null,
                    json.valueToTree(anchor)));
            return anchor;
        });
    }

    /**
     * The newest anchor of this service on the topic (highest offset of its key's partition).
     *
     * @throws IllegalStateException when the broker cannot be read: verification then cannot vouch for the tail
     */
    public Optional<Found> latest() {
        Map<String, Object> props = KafkaClientProperties.of(config);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-audit-verification");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<PartitionInfo> partitions = kafka.partitionsFor(Topics.AUDIT_ANCHORS, Duration.ofSeconds(10));
            Found newest = null;
            for (PartitionInfo p : partitions == null ? List.<PartitionInfo>of() : partitions) {
                Found found = newestIn(kafka, new TopicPartition(p.topic(), p.partition()));
                if (found != null && (newest == null || found.anchor().lastSeq() > newest.anchor().lastSeq())) {
                    newest = found;
                }
            }
            return Optional.ofNullable(newest);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("the audit anchors on " + Topics.AUDIT_ANCHORS + " cannot be read", e);
        }
    }

    /** Reads the partition backwards, a window at a time, until one of this service's anchors appears. */
    private Found newestIn(KafkaConsumer<String, String> kafka, TopicPartition tp) {
        kafka.assign(List.of(tp));
        long begin = kafka.beginningOffsets(List.of(tp)).get(tp);
        long end = kafka.endOffsets(List.of(tp)).get(tp);
        for (long to = end; to > begin; to -= WINDOW) {
            long from = Math.max(begin, to - WINDOW);
            kafka.seek(tp, from);
            Found found = null;
            long position = from;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (position < to) {
                var records = kafka.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    position = kafka.position(tp);
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the audit anchors of " + tp + " were not read up to " + to);
                    }
                    continue;
                }
                for (ConsumerRecord<String, String> r : records) {
                    if (r.offset() < to && service.equals(r.key()) && r.value() != null) {
                        found = new Found(read(r.value()), r.partition(), r.offset());
                    }
                    position = r.offset() + 1;
                }
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private AuditAnchor read(String value) {
        try {
            EventEnvelope envelope = json.readValue(value, EventEnvelope.class);
            return json.treeToValue(envelope.data(), AuditAnchor.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an audit anchor on " + Topics.AUDIT_ANCHORS + " cannot be read", e);
        }
    }
}
