package cn.carbon.platform.deadletter;

import cn.carbon.platform.messaging.KafkaClientProperties;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a service's consumers could not apply, read on request from its dead-letter topics: per topic how many are kept
 * and the latest ones with the reason SmallRye recorded. A short-lived consumer of its own (assigned partitions, no
 * group, nothing committed, a bounded poll) so that reading changes nothing and no consumer group is left behind.
 */
@ApplicationScoped
public class DeadLetters {

    /** The most records a topic's list may ask for. */
    public static final int MAX_LATEST = 50;
    /** How much of a payload is shown: enough to recognise it, not the data it carries. */
    public static final int PAYLOAD_CHARS = 200;
    static final Duration POLL_BUDGET = Duration.ofSeconds(5);

    private final Config config;
    private final String service;

    public DeadLetters(Config config) {
        this.config = config;
        this.service = config.getOptionalValue("quarkus.application.name", String.class).orElse("carbon");
    }

    /** A dead letter: where it came from, why it was refused, and the beginning of what it said. */
    @Schema(name = "DeadLetter")
    public record Letter(Instant timestamp, String key, String originalTopic, Integer originalPartition,
                         Long originalOffset, String reason, String cause, String payload) {
    }

    /** A dead-letter topic: what it keeps ({@code count}) and its latest letters, newest first. */
    @Schema(name = "DeadLetterTopic")
    public record Topic(String topic, String source, String channel, long count, List<Letter> latest) {
    }

    @Schema(name = "DeadLetterReport")
    public record Report(String service, Instant readAt, List<Topic> topics) {
    }

    public Report read(int latest) {
        int n = Math.max(0, Math.min(MAX_LATEST, latest));
        List<DeadLetterQueues.Queue> queues = DeadLetterQueues.of(incomingProperties());
        List<Topic> topics = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Set<String> existing = consumer.listTopics(POLL_BUDGET).keySet();
            for (DeadLetterQueues.Queue q : queues) {
                // a topic nothing was refused on may not exist yet: it keeps nothing
                topics.add(existing.contains(q.topic()) ? read(consumer, q, n)
                        : new Topic(q.topic(), q.source(), q.channel(), 0, List.of()));
            }
        }
        return new Report(service, Instant.now(), List.copyOf(topics));
    }

    private Topic read(KafkaConsumer<byte[], byte[]> consumer, DeadLetterQueues.Queue q, int n) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(q.topic(), POLL_BUDGET)) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, POLL_BUDGET);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, POLL_BUDGET);
        long count = Backlog.kept(starts, ends);
        Map<TopicPartition, Long> from = Backlog.lastOf(starts, ends, n);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        // only the partitions that hold something to read: a fetch that names an empty one waits for it
        Map<TopicPartition, Long> left = new HashMap<>(from);
        left.replaceAll((tp, at) -> ends.get(tp) - at);
        left.values().removeIf(v -> v <= 0);
        if (n > 0 && !left.isEmpty()) {
            consumer.assign(left.keySet());
            left.keySet().forEach(tp -> consumer.seek(tp, from.get(tp)));
            Instant until = Instant.now().plus(POLL_BUDGET);
            while (!left.isEmpty() && Instant.now().isBefore(until)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < ends.get(tp)) {
                        read.add(r);
                    }
                }
                // done with a partition once its position passed the end seen (control records included)
                left.keySet().removeIf(tp -> consumer.position(tp, POLL_BUDGET) >= ends.get(tp));
            }
            consumer.unsubscribe();
        }
        List<Letter> letters = read.stream()
                .sorted(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp()).reversed())
                .limit(n).map(DeadLetters::letter).toList();
        return new Topic(q.topic(), q.source(), q.channel(), count, letters);
    }

    static Letter letter(ConsumerRecord<byte[], byte[]> r) {
        return new Letter(Instant.ofEpochMilli(r.timestamp()), text(r.key()), header(r, "dead-letter-topic"),
                number(header(r, "dead-letter-partition"), Integer::valueOf),
                number(header(r, "dead-letter-offset"), Long::valueOf),
                header(r, "dead-letter-reason"), header(r, "dead-letter-cause"), Backlog.beginning(text(r.value())));
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : text(h.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static <T> T number(String text, java.util.function.Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Map<String, String> incomingProperties() {
        Map<String, String> props = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> props.put(name, v));
            }
        }
        return props;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = KafkaClientProperties.of(config);
        props.keySet().removeIf(k -> k.startsWith("group.") || k.endsWith(".deserializer"));
        props.put("client.id", service + "-dead-letters-" + UUID.randomUUID());
        props.put("enable.auto.commit", "false");
        props.put("allow.auto.create.topics", "false"); // reading must not create the topic it looks for
        props.put("auto.offset.reset", "earliest"); // a letter removed by retention meanwhile: read on from what is left
        props.put("max.poll.records", "500");
        // a page waits for this read: the broker answers a fetch at once instead of waiting for more to arrive
        props.put("fetch.max.wait.ms", "10");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
