package cn.carbon.bench.season.faults;

import cn.carbon.bench.season.Args;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Kafka-side tools of the fault drills, with the stack's broker:
 * <ul>
 *   <li>{@code poison TOPIC [--kind garbage|unknown-type|early-obligation] [--uscc U]}: one message a consumer cannot
 *       apply (unreadable bytes; an envelope of an unknown type; an obligation of an entity not registered yet);</li>
 *   <li>{@code replay-dlq DLQ_TOPIC [--to TOPIC] [--key K] [--dry-run] [--all]}: every event of a dead-letter topic (or
 *       those with key K; unreadable messages only with --all) back onto the topic it came from, with its key, value and headers but not the dead-letter
 *       ones; prints each with the reason it was dead-lettered. The source topic is the DLQ name without its
 *       {@code .<consumer>.dlq} suffix. The consumers' inboxes skip whatever they had applied already;</li>
 *   <li>{@code duplicate TOPIC --count N}: the last N messages of a topic published again, unchanged (a duplicated
 *       delivery: same envelope id).</li>
 * </ul>
 */
public final class Dlq {

    private Dlq() {
    }

    static String bootstrap(Args a) {
        return a.get("bootstrap", "127.0.0.1:9092");
    }

    public static int poison(Args a) throws Exception {
        String topic = a.positional().isEmpty() ? "carbon.entities.v1" : a.positional().get(0);
        String kind = a.get("kind", "garbage");
        String key = a.get("uscc", "poison-" + Instant.now().toEpochMilli());
        String value = switch (kind) {
            case "garbage" -> "{this is not an event envelope";
            case "unknown-type" -> envelope("EntityTeleported", key, "{\"uscc\":\"" + key + "\"}");
            case "early-obligation" -> envelope("ObligationSet", key, "{\"uscc\":\"" + key + "\",\"provinceCode\":\""
                    + a.get("province", "320000") + "\",\"cycle\":\"2021-2022\",\"complianceYear\":2021,\"obligationT\":"
                    + a.get("obligation", "1000") + ",\"exempt\":false,\"entityStatus\":\"OPERATING\","
                    + "\"rulebookId\":\"CN-ETS-2021-2022-power\",\"rulebookVersion\":1}");
            default -> throw new IllegalArgumentException("--kind garbage|unknown-type|early-obligation");
        };
        try (KafkaProducer<String, String> p = producer(a)) {
            var md = p.send(new ProducerRecord<>(topic, key, value)).get();
            System.out.printf("poison (%s) on %s partition %d offset %d, key %s%n", kind, topic, md.partition(), md.offset(), key);
        }
        return 0;
    }

    private static String envelope(String type, String subject, String data) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"source\":\"bench-faults\",\"time\":\""
                + Instant.now() + "\",\"subject\":\"" + subject + "\",\"cycle\":\"2021-2022\",\"data\":" + data + "}";
    }

    public static int replay(Args a) throws Exception {
        if (a.positional().isEmpty()) {
            System.err.println("usage: replay-dlq DLQ_TOPIC [--to TOPIC] [--key K] [--dry-run]");
            return 2;
        }
        String dlq = a.positional().get(0);
        if (!dlq.endsWith(".dlq")) {
            System.err.println(dlq + " is not a dead-letter topic (<topic>.<consumer>.dlq)");
            return 2;
        }
        String source = dlq.substring(0, dlq.length() - 4);
        source = a.get("to", source.substring(0, source.lastIndexOf('.')));
        String onlyKey = a.get("key", null);
        boolean dry = a.flag("dry-run");
        boolean all = a.flag("all");
        List<ConsumerRecord<String, String>> records = readAll(a, dlq);
        int replayed = 0;
        try (KafkaProducer<String, String> p = dry ? null : producer(a)) {
            for (ConsumerRecord<String, String> r : records) {
                if (onlyKey != null && !onlyKey.equals(r.key())) {
                    continue;
                }
                if (!all && !isEnvelope(r.value())) {
                    System.out.printf("%s[%d]@%d key=%s reason=%s: not an event envelope, kept in the DLQ (--all replays it)%n",
                            dlq, r.partition(), r.offset(), r.key(), header(r, "dead-letter-reason"));
                    continue;
                }
                System.out.printf("%s[%d]@%d key=%s reason=%s%n  %s%n", dlq, r.partition(), r.offset(), r.key(),
                        header(r, "dead-letter-reason"), abbreviate(r.value()));
                if (!dry) {
                    ProducerRecord<String, String> out = new ProducerRecord<>(source, r.key(), r.value());
                    for (Header h : r.headers()) {
                        if (!h.key().startsWith("dead-letter")) {
                            out.headers().add(h);
                        }
                    }
                    out.headers().add("replayed-from", (dlq + "@" + r.partition() + ":" + r.offset()).getBytes(StandardCharsets.UTF_8));
                    p.send(out).get();
                    replayed++;
                }
            }
        }
        System.out.printf("%d message(s) in %s, %d replayed onto %s%s%n", records.size(), dlq, replayed, source,
                dry ? " (dry run)" : "");
        return 0;
    }

    public static int duplicate(Args a) throws Exception {
        String topic = a.positional().get(0);
        int count = (int) a.integer("count", 100);
        List<ConsumerRecord<String, String>> all = readAll(a, topic);
        List<ConsumerRecord<String, String>> last = all.subList(Math.max(0, all.size() - count), all.size());
        try (KafkaProducer<String, String> p = producer(a)) {
            for (ConsumerRecord<String, String> r : last) {
                p.send(new ProducerRecord<>(topic, r.key(), r.value()));
            }
            p.flush();
        }
        System.out.printf("published %d of the %d messages of %s again%n", last.size(), all.size(), topic);
        return 0;
    }

    /** Every record of a topic from the beginning to its end now (no consumer group). */
    public static List<ConsumerRecord<String, String>> readAll(Args a, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(a));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
            var infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    static boolean isEnvelope(String value) {
        try {
            var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(value);
            return n != null && n.hasNonNull("id") && n.hasNonNull("type") && n.has("data");
        } catch (Exception e) {
            return false;
        }
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "-" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static KafkaProducer<String, String> producer(Args a) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(a));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props);
    }
}
