package cn.carbon.testing;

import cn.carbon.contracts.EventEnvelope;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Produces and reads raw records on the test broker, as another service or the exchange would. */
public final class KafkaTestClient {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private KafkaTestClient() {
    }

    public static void send(String topic, EventEnvelope event) {
        try {
            send(topic, event.subject(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static void send(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /** The longest any read waits, however busy the topic: a test that needs longer is broken, not slow. */
    public static final Duration READ_CAP = Duration.ofSeconds(90);

    /**
     * Every record on the topic from the beginning: first everything already written when the read starts (its end
     * offsets), then on until {@code quiet} passes with nothing new; each record restarts the quiet period, up to
     * {@link #READ_CAP} in all. A late duplicate arriving within the quiet period of the last record is seen.
     */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long cap = System.nanoTime() + READ_CAP.toNanos();
            long quietUntil = Long.MAX_VALUE; // the quiet period only starts once the written end is reached
            while (System.nanoTime() < Math.min(cap, quietUntil)) {
                var records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> r : records) {
                    seen.add(r);
                }
                if (quietUntil == Long.MAX_VALUE) {
                    if (reached(consumer, end)) {
                        quietUntil = System.nanoTime() + quiet.toNanos();
                    }
                } else if (!records.isEmpty()) {
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
            if (System.nanoTime() >= cap) {
                throw new AssertionError(topic + " was not quiet for " + quiet + " within " + READ_CAP);
            }
        }
        return seen;
    }

    /**
     * Every record of {@code key} on the topic, for an exact count: waits (up to 60 s) for the first one to arrive,
     * then reads as {@link #readAll} does, so that a late duplicate within {@code quiet} of the last record is counted.
     */
    public static List<ConsumerRecord<String, String>> readAllOf(String topic, String key, Duration quiet) {
        List<ConsumerRecord<String, String>> first = readUntil(topic, Duration.ofSeconds(60), r -> key.equals(r.key()));
        if (first.stream().noneMatch(r -> key.equals(r.key()))) {
            throw new AssertionError("nothing with key " + key + " on " + topic + " within 60 s");
        }
        return readAll(topic, quiet).stream().filter(r -> key.equals(r.key())).toList();
    }

    /**
     * Reads from the beginning until a record matches, or {@code timeout} passes in all (then returns what it saw, and
     * the caller's assertion on it fails).
     */
    public static List<ConsumerRecord<String, String>> readUntil(String topic, Duration timeout,
                                                                 Predicate<ConsumerRecord<String, String>> done) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            assignFromBeginning(consumer, topic);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r);
                    if (done.test(r)) {
                        return seen;
                    }
                }
            }
        }
        return seen;
    }

    /**
     * The first record of each of {@code keys}, reading until every one of them arrived (each awaited, not only the
     * last one sent); fails naming the keys still missing after {@code timeout}.
     */
    public static Map<String, ConsumerRecord<String, String>> awaitKeys(String topic, Duration timeout, String... keys) {
        Map<String, ConsumerRecord<String, String>> found = new java.util.LinkedHashMap<>();
        java.util.Set<String> wanted = java.util.Set.of(keys);
        readUntil(topic, timeout, r -> {
            if (wanted.contains(r.key())) {
                found.putIfAbsent(r.key(), r);
            }
            return found.size() == wanted.size();
        });
        if (found.size() != wanted.size()) {
            throw new AssertionError("on " + topic + " within " + timeout + " no record for "
                    + wanted.stream().filter(k -> !found.containsKey(k)).toList());
        }
        return found;
    }

    /**
     * The records with {@code key} written before a sentinel that this call writes after them on the same key (so on
     * the same partition, behind anything already written there): a proof of absence that no slow read can fake, as
     * long as whatever could have written the absent record had finished before this call. The sentinel is an event
     * envelope of type {@value #SENTINEL} (a consumer under test refuses it to its dead-letter topic).
     */
    public static List<ConsumerRecord<String, String>> readBeforeSentinel(String topic, String key) {
        EventEnvelope sentinel = EventEnvelope.of(SENTINEL, "test", key, null, JSON.createObjectNode());
        send(topic, sentinel);
        String id = sentinel.id().toString();
        List<ConsumerRecord<String, String>> seen = readUntil(topic, Duration.ofSeconds(60),
                r -> key.equals(r.key()) && r.value() != null && r.value().contains(id));
        if (seen.isEmpty() || !seen.get(seen.size() - 1).value().contains(id)) {
            throw new AssertionError("the sentinel on " + topic + " / " + key + " was not read back within 60 s");
        }
        return seen.subList(0, seen.size() - 1).stream().filter(r -> key.equals(r.key())).toList();
    }

    public static final String SENTINEL = "TestSentinel";

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
    }

    /** Assigns every partition of the topic directly (no group rebalance to wait for), from offset 0. */
    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<String, String> consumer, String topic) {
        List<PartitionInfo> infos = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            // asking for the partitions creates the topic (auto-create) if no one wrote it yet
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                break;
            }
        }
        if (infos == null || infos.isEmpty()) {
            throw new AssertionError("topic " + topic + " has no partitions");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    public static EventEnvelope envelope(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an event envelope: " + record.value(), e);
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
