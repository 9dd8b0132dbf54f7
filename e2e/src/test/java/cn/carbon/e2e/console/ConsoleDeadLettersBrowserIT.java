package cn.carbon.e2e.console;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry's dead-letter page in a real browser on the stack: the four services' sections with their dead-letter
 * topics, and a message no consumer can read (the fault drill's poison: not an event envelope, on the entities topic)
 * counted in surrender-service's entities dead-letter topic with its key and reason once it was refused.
 */
class ConsoleDeadLettersBrowserIT {

    static final String KAFKA = System.getProperty("carbon.kafka", "127.0.0.1:9092");
    static final String ENTITIES = "carbon.entities.v1";
    static final String SURRENDER_ENTITIES_DLQ = "carbon.entities.v1.surrender-service.dlq";
    static final String ROW = "#dlq-surrender-service tr[data-topic='" + SURRENDER_ENTITIES_DLQ + "']";

    @Test
    void theRegistrySeesEveryServicesDeadLettersAndAPoisonMessageCounted() throws Exception {
        try (Browser registry = new Browser()) {
            registry.signIn("registry.officer");
            registry.open("/console/registry/reconciliation");
            registry.find("#nav-dead-letters").click();
            assertThat(registry.text("h1")).isEqualTo("死信消息");
            assertThat(registry.all("section[data-service]")).extracting(s -> s.getAttribute("data-service"))
                    .containsExactly("allocation-service", "surrender-service", "offset-service", "risk-service");
            // every service answered (no problem box) and lists the dead-letter topics its configuration names
            assertThat(registry.all("section[data-service] .problem[role=alert]")).isEmpty();
            assertThat(registry.all("#dlq-allocation-service tr[data-topic]")).extracting(r -> r.getAttribute("data-topic"))
                    .contains("carbon.compliance.v1.allocation-service.dlq");
            assertThat(registry.all("#dlq-risk-service tr[data-topic]")).hasSizeGreaterThanOrEqualTo(7);
            long before = Long.parseLong(registry.attribute(ROW, "data-count"));

            String key = "console-dlq-" + Instant.now().toEpochMilli();
            poison(key);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                registry.open("/console/registry/dead-letters");
                return Long.parseLong(registry.attribute(ROW, "data-count")) > before;
            });
            WebElement letter = registry.find(ROW + " li[data-key='" + key + "']");
            assertThat(letter.findElement(org.openqa.selenium.By.cssSelector(".reason")).getText()).isNotBlank();
            assertThat(letter.getText()).contains(ENTITIES);
            assertThat(Long.parseLong(registry.attribute("#dlq-surrender-service", "data-total"))).isGreaterThan(before);
            registry.screenshot("80-registry-dead-letters");
        }
    }

    /** One unreadable message on the entities topic, as bench/bin/faults' poison drill sends it (--kind garbage). */
    static void poison(String key) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(ENTITIES, key, "{this is not an event envelope")).get();
        }
    }
}
