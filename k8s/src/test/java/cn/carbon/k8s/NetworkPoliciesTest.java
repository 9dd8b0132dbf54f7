package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.carbon.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network policies, evaluated against the pods the namespace will hold: the services (from their
 * Deployments) and the pods the operators create, with the labels those operators put on them.
 * Default deny; the gateway is reached from the ingress controller, every other service from the
 * gateway only (and Prometheus on 8080); a service reaches Kafka, its own database, Keycloak and DNS.
 */
class NetworkPoliciesTest {

    private static final String INGRESS_NAMESPACE = "ingress-nginx";
    private static final String MONITORING_NAMESPACE = "monitoring";

    /** One pod of each kind that will run in the namespace, by the labels it will carry. */
    record Pod(String name, Map<String, String> labels) {
    }

    static Map<String, Pod> podsOf(Manifests m) {
        Map<String, Pod> pods = new LinkedHashMap<>();
        for (JsonNode deployment : m.ofKind("Deployment")) {
            pods.put(name(deployment), new Pod(name(deployment), Manifests.podLabels(deployment)));
        }
        for (JsonNode cluster : m.ofKind("Cluster")) {
            pods.put(name(cluster), new Pod(name(cluster),
                    Map.of("cnpg.io/cluster", name(cluster), "cnpg.io/podRole", "instance")));
        }
        String kafka = name(m.ofKind("Kafka").get(0));
        pods.put("kafka-broker", new Pod("kafka-broker", Map.of("strimzi.io/cluster", kafka,
                "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-kafka", "strimzi.io/broker-role", "true")));
        pods.put("kafka-controller", new Pod("kafka-controller", Map.of("strimzi.io/cluster", kafka,
                "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-kafka", "strimzi.io/controller-role", "true")));
        pods.put("kafka-entity-operator", new Pod("kafka-entity-operator", Map.of("strimzi.io/cluster", kafka,
                "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-entity-operator")));
        String keycloak = name(m.ofKind("Keycloak").get(0));
        pods.put("keycloak", new Pod("keycloak", Map.of("app", "keycloak",
                "app.kubernetes.io/instance", keycloak, "app.kubernetes.io/managed-by", "keycloak-operator")));
        pods.put("keycloak-realm-import", new Pod("keycloak-realm-import", Map.of("app", "keycloak-realm-import",
                "app.kubernetes.io/instance", keycloak, "app.kubernetes.io/managed-by", "keycloak-operator")));
        return pods;
    }

    /** The database cluster a service's JDBC URL points at (its -rw service). */
    static String databaseOf(Manifests m, String service) {
        JsonNode container = Manifests.podSpec(m.get("Deployment", service)).path("containers").get(0);
        String url = Manifests.env(container, "QUARKUS_DATASOURCE_JDBC_URL").path("value").asText();
        assertThat(url).as("%s: %s JDBC URL", m.overlay, service).startsWith("jdbc:postgresql://");
        String host = URI.create(url.substring("jdbc:".length())).getHost();
        assertThat(host).as("%s: %s connects to the primary (-rw) service", m.overlay, service).endsWith("-rw");
        return host.substring(0, host.length() - "-rw".length());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everythingIsDeniedUnlessAPolicyAllowsIt(String overlay) {
        assertThat(Manifests.of(overlay).ofKind("NetworkPolicy"))
                .as("%s: a default-deny policy for every pod, in and out", overlay)
                .anySatisfy(policy -> {
                    JsonNode spec = policy.path("spec");
                    assertThat(Selectors.isEmpty(spec.path("podSelector"))).isTrue();
                    assertThat(Manifests.texts(spec.path("policyTypes"))).contains("Ingress", "Egress");
                    assertThat(spec.path("ingress").isEmpty() && spec.path("egress").isEmpty()).isTrue();
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsOwnPolicy(String overlay) {
        Manifests m = Manifests.of(overlay);
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.WORKLOADS) {
                Map<String, String> labels = Manifests.podLabels(m.get("Deployment", service));
                softly.assertThat(m.ofKind("NetworkPolicy").stream()
                                .filter(p -> !Selectors.isEmpty(p.path("spec").path("podSelector")))
                                .filter(p -> Selectors.matches(p.path("spec").path("podSelector"), labels))
                                .filter(p -> Manifests.texts(p.path("spec").path("policyTypes")).contains("Ingress")))
                        .as("%s: a NetworkPolicy selecting %s", overlay, service).isNotEmpty();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsReachedFromOutsideAndTheOthersOnlyFromTheGateway(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, Pod> pods = podsOf(m);
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.ALL) {
                boolean gateway = service.equals(CarbonServices.GATEWAY);
                Set<String> allowedNamespaces = gateway
                        ? Set.of(INGRESS_NAMESPACE, MONITORING_NAMESPACE) : Set.of(MONITORING_NAMESPACE);
                // the console calls the API through the gateway like a browser does
                Set<String> allowedPods = Set.of(gateway ? CarbonServices.CONSOLE : CarbonServices.GATEWAY);
                for (Rule rule : rules(m, pods.get(service), "Ingress", "from")) {
                    softly.assertThat(rule.peers()).as("%s: %s accepts traffic from anywhere", overlay, service)
                            .isNotEmpty();
                    softly.assertThat(rule.ports()).as("%s: %s ingress ports", overlay, service)
                            .containsOnly(8080);
                    for (JsonNode peer : rule.peers()) {
                        softly.assertThat(peer.has("ipBlock")).as("%s: %s ipBlock peer", overlay, service).isFalse();
                        if (peer.has("namespaceSelector")) {
                            softly.assertThat(namespaceOf(peer)).as("%s: %s from namespace", overlay, service)
                                    .isIn(allowedNamespaces);
                        } else {
                            softly.assertThat(matchedPods(peer, pods)).as("%s: %s from pods", overlay, service)
                                    .isSubsetOf(allowedPods);
                        }
                    }
                }
                if (gateway) {
                    softly.assertThat(reachesFromNamespace(m, pods.get(service), INGRESS_NAMESPACE, 8080))
                            .as("%s: the ingress controller reaches the gateway", overlay).isTrue();
                } else {
                    softly.assertThat(reaches(m, pods.get(CarbonServices.GATEWAY), pods.get(service), 8080, pods))
                            .as("%s: the gateway reaches %s", overlay, service).isTrue();
                }
                softly.assertThat(reachesFromNamespace(m, pods.get(service), MONITORING_NAMESPACE, 8080))
                        .as("%s: Prometheus scrapes %s", overlay, service).isTrue();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theConsoleIsReachedFromTheGatewayOnlyAndReachesOnlyTheGatewayKeycloakAndDns(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, Pod> pods = podsOf(m);
        Pod console = pods.get(CarbonServices.CONSOLE);
        SoftAssertions.assertSoftly(softly -> {
            for (Rule rule : rules(m, console, "Ingress", "from")) {
                softly.assertThat(rule.peers()).as("%s: the console accepts traffic from anywhere", overlay).isNotEmpty();
                softly.assertThat(rule.ports()).as("%s: console ingress ports", overlay).containsOnly(8080);
                for (JsonNode peer : rule.peers()) {
                    softly.assertThat(peer.has("namespaceSelector") || peer.has("ipBlock"))
                            .as("%s: the console from outside the namespace: %s", overlay, peer).isFalse();
                    softly.assertThat(matchedPods(peer, pods)).as("%s: console from pods", overlay)
                            .containsOnly(CarbonServices.GATEWAY);
                }
            }
            softly.assertThat(reaches(m, pods.get(CarbonServices.GATEWAY), console, 8080, pods))
                    .as("%s: the gateway reaches the console", overlay).isTrue();
            for (Rule rule : rules(m, console, "Egress", "to")) {
                softly.assertThat(rule.peers()).as("%s: the console may send anywhere", overlay).isNotEmpty();
                for (JsonNode peer : rule.peers()) {
                    softly.assertThat(peer.has("ipBlock")).as("%s: console ipBlock peer", overlay).isFalse();
                    if (peer.has("namespaceSelector")) {
                        softly.assertThat(isClusterDns(peer)).as("%s: console to another namespace: %s", overlay, peer)
                                .isTrue();
                    } else {
                        softly.assertThat(matchedPods(peer, pods)).as("%s: console egress", overlay)
                                .isSubsetOf(Set.of(CarbonServices.GATEWAY, "keycloak"));
                    }
                }
            }
            softly.assertThat(reaches(m, console, pods.get(CarbonServices.GATEWAY), 8080, pods))
                    .as("%s: the console reaches the gateway", overlay).isTrue();
            softly.assertThat(reaches(m, console, pods.get("keycloak"), 8443, pods))
                    .as("%s: the console reaches Keycloak", overlay).isTrue();
            softly.assertThat(reaches(m, console, pods.get("kafka-broker"), 9093, pods))
                    .as("%s: the console does not reach Kafka", overlay).isFalse();
            softly.assertThat(Manifests.podLabels(m.get("Deployment", CarbonServices.CONSOLE)))
                    .as("%s: the console is a Keycloak client", overlay).containsEntry("carbon.cn/keycloak-client", "true");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void servicesReachOnlyKafkaTheirOwnDatabaseKeycloakAndDns(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, Pod> pods = podsOf(m);
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.ALL) {
                Set<String> allowed = new LinkedHashSet<>(List.of("kafka-broker", "keycloak"));
                if (service.equals(CarbonServices.GATEWAY)) {
                    allowed.addAll(CarbonServices.DOMAIN_SERVICES);
                    allowed.add(CarbonServices.CONSOLE);
                } else {
                    allowed.add(databaseOf(m, service));
                }
                for (Rule rule : rules(m, pods.get(service), "Egress", "to")) {
                    softly.assertThat(rule.peers()).as("%s: %s may send anywhere", overlay, service).isNotEmpty();
                    for (JsonNode peer : rule.peers()) {
                        softly.assertThat(peer.has("ipBlock")).as("%s: %s ipBlock peer", overlay, service).isFalse();
                        if (peer.has("namespaceSelector") && isTraceCollector(peer)) {
                            // traces leave for the OpenTelemetry collector, on the OTLP port only
                            softly.assertThat(rule.ports()).as("%s: %s to the trace collector", overlay, service)
                                    .containsExactly(OTLP_PORT);
                        } else if (peer.has("namespaceSelector")) {
                            softly.assertThat(isClusterDns(peer)).as("%s: %s to another namespace: %s",
                                    overlay, service, peer).isTrue();
                        } else {
                            softly.assertThat(matchedPods(peer, pods)).as("%s: %s egress", overlay, service)
                                    .isSubsetOf(allowed);
                        }
                    }
                }
                softly.assertThat(reaches(m, pods.get(service), pods.get("kafka-broker"), 9093, pods))
                        .as("%s: %s reaches the Kafka TLS listener", overlay, service).isTrue();
                softly.assertThat(reaches(m, pods.get(service), pods.get("keycloak"), 8443, pods))
                        .as("%s: %s reaches Keycloak", overlay, service).isTrue();
                if (!service.equals(CarbonServices.GATEWAY)) {
                    String database = databaseOf(m, service);
                    softly.assertThat(reaches(m, pods.get(service), pods.get(database), 5432, pods))
                            .as("%s: %s reaches its database %s", overlay, service, database).isTrue();
                }
                softly.assertThat(rules(m, pods.get(service), "Egress", "to").stream()
                                .flatMap(r -> r.peers().stream()).anyMatch(NetworkPoliciesTest::isClusterDns))
                        .as("%s: %s resolves names", overlay, service).isTrue();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void eachDatabaseAdmitsOnlyTheServiceThatOwnsIt(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, Pod> pods = podsOf(m);
        Map<String, String> ownerOf = new LinkedHashMap<>();
        for (String service : CarbonServices.DOMAIN_SERVICES) {
            String previous = ownerOf.put(databaseOf(m, service), service);
            assertThat(previous).as("%s: %s shares its database with %s", overlay, service, previous).isNull();
        }
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode cluster : m.ofKind("Cluster")) {
                String database = name(cluster);
                Set<String> admitted = new LinkedHashSet<>();
                for (Rule rule : rules(m, pods.get(database), "Ingress", "from")) {
                    softly.assertThat(rule.peers()).as("%s: %s accepts anyone", overlay, database).isNotEmpty();
                    for (JsonNode peer : rule.peers()) {
                        if (!peer.has("namespaceSelector")) {
                            admitted.addAll(matchedPods(peer, pods));
                        }
                    }
                }
                admitted.retainAll(CarbonServices.ALL);
                String owner = ownerOf.get(database);
                softly.assertThat(admitted).as("%s: services admitted by %s", overlay, database)
                        .isEqualTo(owner == null ? Set.of() : Set.of(owner));
            }
            softly.assertThat(reaches(m, pods.get("keycloak"), pods.get("keycloak-db"), 5432, pods))
                    .as("%s: Keycloak reaches keycloak-db", overlay).isTrue();
            softly.assertThat(reaches(m, pods.get("keycloak-realm-import"), pods.get("keycloak-db"), 5432, pods))
                    .as("%s: the realm import job reaches keycloak-db", overlay).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void keycloakIsReachedOnlyThroughTheIngressControllerAndByTheServices(String overlay) {
        JsonNode https = Manifests.of(overlay).ofKind("Keycloak").get(0).path("spec").path("networkPolicy");
        assertThat(https.path("enabled").asBoolean(true)).as("%s: the operator's policy is on", overlay).isTrue();
        // an empty list would let every pod and namespace in (the operator's default)
        assertThat(https.path("https").size()).as("%s: Keycloak https peers", overlay).isPositive();
        assertThat(https.path("https").toString())
                .contains(INGRESS_NAMESPACE)
                .contains("carbon.cn/keycloak-client");
        Manifests m = Manifests.of(overlay);
        for (String service : CarbonServices.ALL) {
            assertThat(Manifests.podLabels(m.get("Deployment", service)))
                    .as("%s: %s is a Keycloak and a Kafka client", overlay, service)
                    .containsEntry("carbon.cn/keycloak-client", "true")
                    .containsEntry("carbon.cn/kafka-client", "true");
        }
    }

    // --- evaluation --------------------------------------------------------------------------------

    record Rule(List<JsonNode> peers, List<Integer> ports) {
    }

    /** The ingress or egress rules of every policy that applies to the pod. */
    private static List<Rule> rules(Manifests m, Pod pod, String type, String direction) {
        assertThat(pod).as("pod").isNotNull();
        List<Rule> rules = new ArrayList<>();
        for (JsonNode policy : m.ofKind("NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            if (!Selectors.matches(spec.path("podSelector"), pod.labels())
                    || !Manifests.texts(spec.path("policyTypes")).contains(type)) {
                continue;
            }
            for (JsonNode rule : spec.path(type.toLowerCase())) {
                List<JsonNode> peers = new ArrayList<>();
                rule.path(direction).forEach(peers::add);
                List<Integer> ports = new ArrayList<>();
                rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
                rules.add(new Rule(peers, ports));
            }
        }
        return rules;
    }

    private static Set<String> matchedPods(JsonNode peer, Map<String, Pod> pods) {
        Set<String> matched = new LinkedHashSet<>();
        pods.values().stream().filter(p -> Selectors.matches(peer.path("podSelector"), p.labels()))
                .forEach(p -> matched.add(p.name()));
        return matched;
    }

    private static String namespaceOf(JsonNode peer) {
        return peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText("<any>");
    }

    private static final int OTLP_PORT = 4317;

    private static boolean isTraceCollector(JsonNode peer) {
        return namespaceOf(peer).equals(MONITORING_NAMESPACE)
                && Selectors.matches(peer.path("podSelector"), Map.of("app.kubernetes.io/name", "opentelemetry-collector"));
    }

    private static boolean isClusterDns(JsonNode peer) {
        return namespaceOf(peer).equals("kube-system")
                && Selectors.matches(peer.path("podSelector"), Map.of("k8s-app", "kube-dns"));
    }

    private static boolean allowsPort(Rule rule, int port) {
        return rule.ports().isEmpty() || rule.ports().contains(port);
    }

    /** Both sides agree: the source may send to the target, and the target accepts the source. */
    private static boolean reaches(Manifests m, Pod from, Pod to, int port, Map<String, Pod> pods) {
        boolean out = rules(m, from, "Egress", "to").stream().filter(r -> allowsPort(r, port))
                .anyMatch(r -> r.peers().isEmpty() || r.peers().stream()
                        .anyMatch(p -> !p.has("namespaceSelector") && matchedPods(p, pods).contains(to.name())));
        // the Kafka and Keycloak operators write the ingress side of their pods themselves
        boolean operatorManagedIngress = to.labels().containsKey("strimzi.io/cluster") || to.name().equals("keycloak");
        boolean in = operatorManagedIngress || rules(m, to, "Ingress", "from").stream().filter(r -> allowsPort(r, port))
                .anyMatch(r -> r.peers().stream()
                        .anyMatch(p -> !p.has("namespaceSelector") && matchedPods(p, pods).contains(from.name())));
        return out && in;
    }

    private static boolean reachesFromNamespace(Manifests m, Pod to, String namespace, int port) {
        return rules(m, to, "Ingress", "from").stream().filter(r -> allowsPort(r, port))
                .anyMatch(r -> r.peers().stream().anyMatch(p -> namespaceOf(p).equals(namespace)));
    }
}
