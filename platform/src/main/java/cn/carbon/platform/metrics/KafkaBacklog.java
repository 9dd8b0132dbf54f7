package cn.carbon.platform.metrics;

import cn.carbon.contracts.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What waits in Kafka, seen from the publisher's side so that a consumer that is down still shows: the lag of every
 * consumer group on the topics this service publishes ({@code carbon_consumer_lag{group,topic}}, the group is the
 * consuming service), and the messages kept in this service's own dead-letter topics
 * ({@code carbon_dlq_messages{topic}}). On Kubernetes the Strimzi Kafka exporter reports the lag as well.
 */
@Startup
@ApplicationScoped
public class KafkaBacklog {

    private static final Logger LOG = Logger.getLogger(KafkaBacklog.class);

    private final Config config;
    private final String service;
    private final TopicCatalogue catalogue;
    private final MeterRegistry metrics;
    private final Map<Tags, AtomicReference<Double>> values = new ConcurrentHashMap<>();
    private volatile Admin admin;
    private volatile boolean warned;

    public KafkaBacklog(Config config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.service = config.getOptionalValue("quarkus.application.name", String.class).orElse("carbon");
        this.catalogue = TopicCatalogue.load();
        // every series exists from the start (NaN until measured), so a rule or dashboard never meets an absent one
        for (TopicCatalogue.Topic topic : catalogue.lagMeasuredBy(service)) {
            topic.consumers().forEach(group -> gauge("carbon.consumer.lag", "messages the consumer group has not read yet",
                    Tags.of("group", group, "topic", topic.name())));
        }
        for (TopicCatalogue.Topic topic : catalogue.consumedBy(service)) {
            gauge("carbon.dlq.messages", "messages kept in this service's dead-letter topic",
                    Tags.of("topic", Topics.deadLetter(topic.name(), service), "source", topic.name()));
        }
    }

    private void gauge(String name, String description, Tags tags) {
        AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
        values.put(Tags.of("metric", name).and(tags), value);
        Gauge.builder(name, value, AtomicReference::get).description(description).tags(tags).register(metrics);
    }

    @Scheduled(every = "${carbon.metrics.kafka-every:15s}", delay = 5, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measure() {
        try {
            // a topic nobody has written to yet may not exist: nothing waits on it
            Set<String> existing = admin().listTopics().names().get(10, TimeUnit.SECONDS);
            measureLag(existing);
            measureDeadLetters(existing);
            warned = false;
        } catch (Exception e) {
            // the broker being away is reported by readiness and by the lag it leaves; say it once, not every 15 s
            if (!warned) {
                LOG.warnf("Kafka backlog not measured: %s%s", e.getMessage(),
                        e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
                warned = true;
            }
        }
    }

    private void measureLag(Set<String> existing) throws Exception {
        for (TopicCatalogue.Topic topic : catalogue.lagMeasuredBy(service)) {
            if (!existing.contains(topic.name())) {
                topic.consumers().forEach(group -> set("carbon.consumer.lag", Tags.of("group", group, "topic", topic.name()), 0));
                continue;
            }
            List<TopicPartition> partitions = partitions(topic.name());
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
            for (String group : topic.consumers()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    // a partition the group never committed on is unread from its start (auto.offset.reset=earliest)
                    lag += end.getValue() - (at == null ? starts.get(end.getKey()) : at.offset());
                }
                set("carbon.consumer.lag", Tags.of("group", group, "topic", topic.name()), lag);
            }
        }
    }

    private void measureDeadLetters(Set<String> existing) throws Exception {
        for (TopicCatalogue.Topic topic : catalogue.consumedBy(service)) {
            String dlq = Topics.deadLetter(topic.name(), service);
            long kept = 0;
            if (existing.contains(dlq)) {
                List<TopicPartition> partitions = partitions(dlq);
                Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
                Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
                for (TopicPartition p : partitions) {
                    kept += ends.get(p) - starts.get(p);
                }
            }
            set("carbon.dlq.messages", Tags.of("topic", dlq, "source", topic.name()), kept);
        }
    }

    private void set(String metric, Tags tags, double value) {
        AtomicReference<Double> ref = values.get(Tags.of("metric", metric).and(tags));
        if (ref != null) {
            ref.set(value);
        }
    }

    private List<TopicPartition> partitions(String topic) throws Exception {
        TopicDescription d = admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin().listOffsets(request).all()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> props = cn.carbon.platform.messaging.KafkaClientProperties.of(config);
                    props.put("client.id", service + "-backlog");
                    admin = Admin.create(props);
                }
                current = admin;
            }
        }
        return current;
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        Admin current = admin;
        if (current != null) {
            current.close();
        }
    }
}
