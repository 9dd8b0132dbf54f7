package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static cn.carbon.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/** Kafka against the contracts' topic catalogue: the topics, their dead letters, and who may read and write what. */
class KafkaTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();
    private static final long DAY_MS = 86_400_000L;

    /**
     * The national trading institution, outside the cluster: it pushes the weekly net-purchase feed (its
     * producer entry in topics.json) and receives the risk alerts and the weekly net-purchase reports
     * (docs/DESIGN.md); topics.json names no external consumers, so its reads are listed here.
     */
    private static final String EXCHANGE = "exchange";
    private static final Set<String> EXCHANGE_READS = Set.of("carbon.risk-alerts.v1", "carbon.net-purchase-reports.v1");

    private static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asText(name(topic));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicAndDeadLetterTopicOfTheCatalogueHasAKafkaTopicAndNothingElseDoes(String overlay) {
        Set<String> expected = new TreeSet<>(CATALOGUE.eventTopics());
        expected.addAll(CATALOGUE.deadLetterTopics());
        List<String> actual = Manifests.of(overlay).ofKind("KafkaTopic").stream().map(KafkaTest::topicName).toList();
        assertThat(actual).as("%s: KafkaTopic names", overlay)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void retentionFollowsTheCatalogueAndDeadLettersNeverExpire(String overlay) {
        Manifests m = Manifests.of(overlay);
        SoftAssertions.assertSoftly(softly -> {
            for (TopicCatalogue.Topic topic : CATALOGUE.topics()) {
                String expected = topic.retentionDays() == -1 ? "-1" : Long.toString(topic.retentionDays() * DAY_MS);
                softly.assertThat(kafkaTopic(m, topic.name()).path("spec").path("config").path("retention.ms").asText())
                        .as("%s: retention of %s (%d days)", overlay, topic.name(), topic.retentionDays())
                        .isEqualTo(expected);
                softly.assertThat(kafkaTopic(m, topic.name()).path("spec").path("config").path("cleanup.policy").asText())
                        .as("%s: cleanup policy of %s", overlay, topic.name()).isEqualTo(topic.cleanupPolicy());
                for (String consumer : topic.consumers()) {
                    softly.assertThat(kafkaTopic(m, topic.deadLetterTopicOf(consumer))
                                    .path("spec").path("config").path("retention.ms").asText())
                            .as("%s: retention of %s", overlay, topic.deadLetterTopicOf(consumer)).isEqualTo("-1");
                }
            }
            for (JsonNode topic : m.ofKind("KafkaTopic")) {
                softly.assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                        .as("%s: %s belongs to the cluster", overlay, topicName(topic))
                        .isEqualTo(name(m.ofKind("Kafka").get(0)));
                softly.assertThat(topic.path("spec").path("partitions").asInt())
                        .as("%s: %s partitions", overlay, topicName(topic)).isPositive();
            }
        });
    }

    @Test
    void prodReplicatesEveryTopicThreeTimesAndAcknowledgesWithTwo() {
        Manifests prod = Manifests.of("prod");
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode topic : prod.ofKind("KafkaTopic")) {
                softly.assertThat(topic.path("spec").path("replicas").asInt()).as("prod: %s replicas", topicName(topic))
                        .isEqualTo(3);
                softly.assertThat(topic.path("spec").path("config").path("min.insync.replicas").asText())
                        .as("prod: %s min.insync.replicas", topicName(topic)).isEqualTo("2");
            }
            for (String domainTopic : CATALOGUE.eventTopics()) {
                softly.assertThat(kafkaTopic(prod, domainTopic).path("spec").path("partitions").asInt())
                        .as("prod: %s partitions (consumers in a group)", domainTopic).isGreaterThanOrEqualTo(6);
            }
            JsonNode config = prod.ofKind("Kafka").get(0).path("spec").path("kafka").path("config");
            softly.assertThat(config.path("min.insync.replicas").asInt()).as("prod: broker min.insync.replicas").isEqualTo(2);
            softly.assertThat(config.path("offsets.topic.replication.factor").asInt())
                    .as("prod: consumer offsets replication").isEqualTo(3);
        });
    }

    @Test
    void devKeepsOneReplicaOfEveryTopicOnItsSingleBroker() {
        Manifests dev = Manifests.of("dev");
        assertThat(dev.ofKind("KafkaTopic")).allSatisfy(topic -> {
            assertThat(topic.path("spec").path("replicas").asInt()).as(topicName(topic)).isEqualTo(1);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asText()).isEqualTo("1");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void kafkaRunsInKRaftModeOnNodePools(String overlay) {
        Manifests m = Manifests.of(overlay);
        JsonNode kafka = m.ofKind("Kafka").get(0);
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.path("spec").has("zookeeper")).isFalse();
        assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true))
                .as("%s: topics exist only as KafkaTopic objects", overlay).isFalse();
        JsonNode listeners = kafka.path("spec").path("kafka").path("listeners");
        assertThat(listeners).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as("listener %s TLS", listener.path("name").asText()).isTrue();
            assertThat(listener.path("authentication").path("type").asText())
                    .as("listener %s authentication", listener.path("name").asText()).isEqualTo("scram-sha-512");
        });
        int controllers = 0;
        int brokers = 0;
        for (JsonNode pool : m.ofKind("KafkaNodePool")) {
            assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(name(kafka));
            List<String> roles = Manifests.texts(pool.path("spec").path("roles"));
            int replicas = pool.path("spec").path("replicas").asInt();
            controllers += roles.contains("controller") ? replicas : 0;
            brokers += roles.contains("broker") ? replicas : 0;
        }
        int expected = overlay.equals("prod") ? 3 : 1;
        assertThat(controllers).as("%s: KRaft controllers", overlay).isEqualTo(expected);
        assertThat(brokers).as("%s: brokers", overlay).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyKafkaUserMayReadAndWriteExactlyWhatTheCatalogueSays(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (String service : CarbonServices.ALL) {
            Set<String> acls = new TreeSet<>();
            CATALOGUE.consumedBy(service).forEach(t -> acls.addAll(acl("topic", "literal", t, "Read", "Describe")));
            // the gateway broadcasts alerts: each replica is its own group, named gateway-<pod>
            String groupPattern = service.equals(CarbonServices.GATEWAY) ? "prefix" : "literal";
            if (!CATALOGUE.consumedBy(service).isEmpty()) {
                acls.addAll(acl("group", groupPattern, service, "Read", "Describe"));
            }
            CATALOGUE.producedBy(service).forEach(t -> acls.addAll(acl("topic", "literal", t, "Write", "Describe")));
            CATALOGUE.readBackBy(service).forEach(t -> acls.addAll(acl("topic", "literal", t, "Read")));
            CATALOGUE.deadLetterTopicsOf(service).forEach(t -> acls.addAll(acl("topic", "literal", t, "Write", "Describe")));
            expected.put(service, acls);
        }
        Set<String> exchange = new TreeSet<>();
        EXCHANGE_READS.forEach(t -> exchange.addAll(acl("topic", "literal", t, "Read", "Describe")));
        exchange.addAll(acl("group", "literal", EXCHANGE, "Read", "Describe"));
        CATALOGUE.producedBy(EXCHANGE).forEach(t -> exchange.addAll(acl("topic", "literal", t, "Write", "Describe")));
        assertThat(CATALOGUE.producedBy(EXCHANGE)).as("topics.json: what the exchange produces").isNotEmpty();
        expected.put(EXCHANGE, exchange);

        assertThat(m.ofKind("KafkaUser")).extracting(Manifests::name)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode user : m.ofKind("KafkaUser")) {
                softly.assertThat(user.path("spec").path("authentication").path("type").asText())
                        .as("%s: %s authentication", overlay, name(user)).isEqualTo("scram-sha-512");
                softly.assertThat(user.path("spec").path("authorization").path("type").asText())
                        .as("%s: %s authorization", overlay, name(user)).isEqualTo("simple");
                softly.assertThat(actualAcls(user)).as("%s: ACLs of KafkaUser %s", overlay, name(user))
                        .isEqualTo(expected.get(name(user)));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceConnectsAsItsOwnKafkaUserInTheGroupItsAclsAllow(String overlay) {
        Manifests m = Manifests.of(overlay);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(m.sharedConfig("KAFKA_SECURITY_PROTOCOL")).as("%s: protocol", overlay).isEqualTo("SASL_SSL");
            softly.assertThat(m.sharedConfig("KAFKA_SASL_MECHANISM")).as("%s: mechanism", overlay).isEqualTo("SCRAM-SHA-512");
            softly.assertThat(m.sharedConfig("KAFKA_BOOTSTRAP_SERVERS")).as("%s: bootstrap", overlay)
                    .isEqualTo(name(m.ofKind("Kafka").get(0)) + "-kafka-bootstrap:9093");
            for (String service : CarbonServices.ALL) {
                JsonNode container = Manifests.podSpec(m.get("Deployment", service)).path("containers").get(0);
                JsonNode jaas = Manifests.env(container, "KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef");
                softly.assertThat(jaas.path("name").asText()).as("%s: %s Kafka credentials", overlay, service)
                        .isEqualTo(service);
                softly.assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
                String group = Manifests.env(container, "KAFKA_GROUP_ID").path("value").asText();
                if (service.equals(CarbonServices.GATEWAY)) {
                    softly.assertThat(group).as("%s: gateway group", overlay).startsWith(service + "-");
                } else {
                    softly.assertThat(group).as("%s: %s group", overlay, service).isEqualTo(service);
                }
            }
        });
    }

    private static JsonNode kafkaTopic(Manifests m, String topic) {
        return m.ofKind("KafkaTopic").stream().filter(t -> topicName(t).equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError(m.overlay + ": no KafkaTopic " + topic));
    }

    private static Set<String> acl(String type, String pattern, String name, String... operations) {
        Set<String> acls = new LinkedHashSet<>();
        for (String operation : operations) {
            acls.add(type + ":" + pattern + ":" + name + ":" + operation);
        }
        return acls;
    }

    private static Set<String> actualAcls(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode rule : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = rule.path("resource");
            assertThat(rule.path("type").asText("allow")).as("%s: only allow rules", name(user)).isEqualTo("allow");
            for (JsonNode operation : rule.path("operations")) {
                acls.addAll(acl(resource.path("type").asText(), resource.path("patternType").asText("literal"),
                        resource.path("name").asText(), operation.asText()));
            }
        }
        return acls;
    }
}
