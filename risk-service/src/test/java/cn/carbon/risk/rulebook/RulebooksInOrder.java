package cn.carbon.risk.rulebook;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.testing.KafkaResource;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;

/**
 * Publishes shipped rulebooks, in a given order, on a topic of their own with one partition (so that they arrive in
 * that order), before the service starts: a profile that reads its rulebooks there starts with exactly these.
 */
public class RulebooksInOrder implements QuarkusTestResourceLifecycleManager {

    private String topic;
    private List<String> resources;

    @Override
    public void init(Map<String, String> initArgs) {
        topic = initArgs.get("topic");
        resources = List.of(initArgs.get("resources").split(","));
    }

    @Override
    public Map<String, String> start() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        for (String resource : resources) {
            for (EventEnvelope e : TestEvents.rulebookPublished(ShippedRulebooks.tree(resource), "allocation-service")) {
                KafkaTestClient.send(topic, e);
            }
        }
        return Map.of("mp.messaging.incoming.rulebooks.topic", topic,
                "mp.messaging.incoming.rulebooks.dead-letter-queue.topic", topic + ".risk-service.dlq");
    }

    @Override
    public void stop() {
        // the broker is the JVM's; the topic is this profile's alone
    }
}
