package cn.carbon.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import java.util.Map;

/**
 * A real Kafka broker in KRaft mode (one combined broker and controller), started once per test JVM. With the init
 * argument {@code publish-shipped-rulebooks=true} it publishes the shipped rulebooks before the service starts, as
 * allocation-service would have (a service that applies rulebooks receives them over Kafka, in tests too).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaClusterTestKit cluster;
    private static boolean rulebooksPublished;
    private boolean publishRulebooks;

    @Override
    public void init(Map<String, String> initArgs) {
        publishRulebooks = Boolean.parseBoolean(initArgs.getOrDefault("publish-shipped-rulebooks", "false"));
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = bootstrapServers();
        synchronized (KafkaResource.class) {
            if (publishRulebooks && !rulebooksPublished) {
                TestEvents.publishShippedRulebooks();
                rulebooksPublished = true;
            }
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            // a broker fault while the test JVM shuts down must not decide the JVM's exit code (Kafka halts on
            // fatal faults, which surefire reports as a failed fork after every test has passed)
            Exit.setHaltProcedure((code, message) -> System.err.println("embedded Kafka asked to halt: " + message));
            Exit.setExitProcedure((code, message) -> System.err.println("embedded Kafka asked to exit: " + message));
            try {
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "true")
                        .setConfigProp("num.partitions", "3")
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
            } catch (Exception e) {
                throw new IllegalStateException("the KRaft broker did not start", e);
            }
            // no close on shutdown: the broker lives in this JVM and its log dir under target/ is thrown away
        }
        return cluster.bootstrapServers();
    }

    @Override
    public void stop() {
        // shared by the JVM's test classes; ends with the JVM
    }
}
