package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.carbon.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/** prod survives the loss of a node; dev runs everything once. */
class HighAvailabilityTest {

    @Test
    void prodRunsAtLeastTwoPodsOfEveryServiceAndEvictsOneAtATime() {
        Manifests prod = Manifests.of("prod");
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.WORKLOADS) {
                JsonNode deployment = prod.get("Deployment", service);
                List<JsonNode> autoscalers = prod.ofKind("HorizontalPodAutoscaler").stream()
                        .filter(h -> h.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment"))
                        .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(service))
                        .toList();
                int floor = autoscalers.isEmpty()
                        ? deployment.path("spec").path("replicas").asInt(1)
                        : autoscalers.get(0).path("spec").path("minReplicas").asInt(1);
                softly.assertThat(floor).as("prod: %s replicas (or HPA minReplicas)", service).isGreaterThanOrEqualTo(2);
                if (!autoscalers.isEmpty()) {
                    softly.assertThat(deployment.path("spec").has("replicas"))
                            .as("prod: %s leaves the replica count to its autoscaler", service).isFalse();
                    softly.assertThat(autoscalers.get(0).path("spec").path("maxReplicas").asInt())
                            .as("prod: %s maxReplicas", service).isGreaterThan(floor);
                }
                List<JsonNode> budgets = prod.ofKind("PodDisruptionBudget").stream()
                        .filter(b -> Selectors.matches(b.path("spec").path("selector"), Manifests.podLabels(deployment)))
                        .toList();
                softly.assertThat(budgets).as("prod: a PodDisruptionBudget for %s", service).hasSize(1);
                budgets.forEach(b -> softly.assertThat(b.path("spec").path("maxUnavailable").asInt(0)
                                + b.path("spec").path("minAvailable").asInt(0))
                        .as("prod: %s disruption budget allows progress", service).isPositive());
                softly.assertThat(Manifests.podSpec(deployment).path("topologySpreadConstraints").size())
                        .as("prod: %s is spread over nodes", service).isPositive();
            }
        });
    }

    @Test
    void prodRunsThreeInstancesOfEveryDatabaseOnDifferentNodes() {
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode cluster : Manifests.of("prod").ofKind("Cluster")) {
                softly.assertThat(cluster.path("spec").path("instances").asInt())
                        .as("prod: %s instances", name(cluster)).isEqualTo(3);
                softly.assertThat(cluster.path("spec").path("affinity").path("enablePodAntiAffinity").asBoolean())
                        .as("prod: %s anti-affinity", name(cluster)).isTrue();
                softly.assertThat(cluster.path("spec").path("postgresql").path("synchronous").path("number").asInt())
                        .as("prod: %s commits wait for a replica", name(cluster)).isPositive();
            }
        });
    }

    @Test
    void prodRunsKeycloakOnSeveralInstances() {
        assertThat(Manifests.of("prod").ofKind("Keycloak").get(0).path("spec").path("instances").asInt())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void devRunsEverythingOnce() {
        Manifests dev = Manifests.of("dev");
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode deployment : dev.ofKind("Deployment")) {
                softly.assertThat(deployment.path("spec").path("replicas").asInt())
                        .as("dev: %s replicas", name(deployment)).isEqualTo(1);
            }
            softly.assertThat(dev.ofKind("HorizontalPodAutoscaler")).as("dev: autoscalers").isEmpty();
            for (JsonNode cluster : dev.ofKind("Cluster")) {
                softly.assertThat(cluster.path("spec").path("instances").asInt())
                        .as("dev: %s instances", name(cluster)).isEqualTo(1);
            }
            softly.assertThat(dev.ofKind("Keycloak").get(0).path("spec").path("instances").asInt()).isEqualTo(1);
        });
    }
}
