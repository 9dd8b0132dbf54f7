package cn.carbon.allocation.health;

import cn.carbon.allocation.entity.EntityRegistry;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaResource;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The signals the alert rules and dashboards use (k8s/README.md, Signals), measured on the real broker and database:
 * the lag of each consumer group on what this service publishes, its dead letters, its refused events.
 */
@QuarkusTest
class SignalsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EntityRegistry registry;
    @Inject
    MeterRegistry metrics;

    @Test
    void theLagOfEachConsumerGroupIsMeasuredByThePublisherAndFallsWhenTheGroupReads() throws Exception {
        String uscc = TestUscc.next("110000");
        registry.register(new EntityRegistry.Registration(uscc, "滞后测试 Lag test", "110000", "POWER"), "test");
        KafkaTestClient.awaitKeys(Topics.ENTITIES, WAIT, uscc);
        // no offset-service or risk-service consumes in this test: everything on the topic is their lag
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(lag("offset-service")).isPositive();
            assertThat(lag("risk-service")).isPositive();
        });

        // offset-service reads everything (its offsets committed at the end of every partition): its lag only falls
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaResource.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(java.util.List.of(Topics.ENTITIES)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.ENTITIES).partitions()
                    .forEach(p -> latest.put(new TopicPartition(Topics.ENTITIES, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((p, info) -> ends.put(p, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets("offset-service", ends).all().get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(lag("offset-service")).isZero());
        assertThat(lag("risk-service")).isPositive();
    }

    @Test
    void aRefusedEventIsCountedAndKeptInTheDeadLetterTopic() {
        double dlqBefore = dlq();
        double refusedBefore = refused();
        KafkaTestClient.send(Topics.COMPLIANCE, TestUscc.next("110000"), "{not an event");
        await().atMost(WAIT).untilAsserted(() -> assertThat(refused()).isEqualTo(refusedBefore + 1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(dlq()).isGreaterThanOrEqualTo(dlqBefore + 1));
    }

    @Test
    void everySignalOfThisServiceIsScraped() {
        String scraped = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(scraped).contains("carbon_outbox_pending", "carbon_outbox_oldest_age_seconds",
                "carbon_business_clock_seconds", "carbon_consumer_lag{group=\"surrender-service\",topic=\"carbon.entities.v1\"}",
                "carbon_dlq_messages{source=\"carbon.compliance.v1\",topic=\"carbon.compliance.v1.allocation-service.dlq\"}",
                "carbon_signing_failures_total{document=\"notice\"} 0.0",
                "carbon_job_duration_seconds_count{outcome=\"failed\",task=\"allocation-verification\"}",
                "carbon_job_duration_seconds_count{outcome=\"completed\",task=\"allocation-pre-allocation\"}");
        // the business clock of the test (2023), in seconds
        double clock = metrics.get("carbon.business.clock.seconds").gauge().value();
        assertThat(clock).isBetween(1.6e9, 1.8e9);
    }

    private double lag(String group) {
        Gauge g = metrics.find("carbon.consumer.lag").tags("group", group, "topic", Topics.ENTITIES).gauge();
        return g == null ? Double.NaN : g.value();
    }

    private double dlq() {
        Gauge g = metrics.find("carbon.dlq.messages").tags("topic", Topics.deadLetter(Topics.COMPLIANCE, "allocation-service"))
                .gauge();
        return g == null || Double.isNaN(g.value()) ? 0 : g.value();
    }

    private double refused() {
        Counter c = metrics.find("carbon.inbox.events").tags("consumer", "allocation-service", "topic", Topics.COMPLIANCE,
                "outcome", "dead-letter").counter();
        return c == null ? 0 : c.count();
    }
}
