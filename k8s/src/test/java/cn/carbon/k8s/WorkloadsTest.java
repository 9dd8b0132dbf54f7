package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.carbon.k8s.Manifests.name;
import static cn.carbon.k8s.Manifests.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

/** The service pods: probes, resources, the restricted security profile, pinned images, the one way in. */
class WorkloadsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceIsADeploymentBehindAServiceOnPort8080(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.ofKind("Deployment")).extracting(Manifests::name)
                .containsExactlyInAnyOrderElementsOf(CarbonServices.WORKLOADS);
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.WORKLOADS) {
                JsonNode deployment = m.get("Deployment", service);
                JsonNode svc = m.get("Service", service);
                softly.assertThat(!svc.path("spec").path("selector").isEmpty()
                                && Selectors.matches(wrapAsSelector(svc), Manifests.podLabels(deployment)))
                        .as("%s: Service %s selects the Deployment's pods", overlay, service).isTrue();
                softly.assertThat(svc.path("spec").path("type").asText("ClusterIP"))
                        .as("%s: Service %s stays inside the cluster", overlay, service).isEqualTo("ClusterIP");
                softly.assertThat(svc.path("spec").path("ports").get(0).path("port").asInt())
                        .as("%s: Service %s port", overlay, service).isEqualTo(8080);
                JsonNode container = podSpec(deployment).path("containers").get(0);
                softly.assertThat(container.path("ports").findValuesAsText("containerPort"))
                        .as("%s: %s listens on 8080", overlay, service).containsExactly("8080");
            }
        });
    }

    private static JsonNode wrapAsSelector(JsonNode service) {
        return Manifests.JSON.createObjectNode().set("matchLabels", service.path("spec").path("selector"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasTheStartupReadinessAndLivenessProbes(String overlay) {
        Map<String, String> probes = Map.of(
                "startupProbe", "/q/health/started",
                "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode deployment : Manifests.of(overlay).ofKind("Deployment")) {
                for (JsonNode container : podSpec(deployment).path("containers")) {
                    probes.forEach((probe, path) -> {
                        JsonNode get = container.path(probe).path("httpGet");
                        softly.assertThat(get.path("path").asText())
                                .as("%s: %s %s path", overlay, name(deployment), probe).isEqualTo(path);
                        softly.assertThat(get.path("port").asText())
                                .as("%s: %s %s port", overlay, name(deployment), probe).isIn("http", "8080");
                    });
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode deployment : Manifests.of(overlay).ofKind("Deployment")) {
                for (JsonNode container : containers(deployment)) {
                    JsonNode resources = container.path("resources");
                    for (String kind : List.of("requests", "limits")) {
                        for (String resource : List.of("cpu", "memory")) {
                            softly.assertThat(resources.path(kind).path(resource).asText(""))
                                    .as("%s: %s/%s %s.%s", overlay, name(deployment),
                                            container.path("name").asText(), kind, resource)
                                    .isNotBlank();
                        }
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyPodRunsAsNonRootOnAReadOnlyRootFileSystemWithoutCapabilities(String overlay) {
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode deployment : Manifests.of(overlay).ofKind("Deployment")) {
                String d = overlay + ": " + name(deployment);
                JsonNode pod = podSpec(deployment);
                JsonNode podSecurity = pod.path("securityContext");
                softly.assertThat(podSecurity.path("seccompProfile").path("type").asText())
                        .as("%s seccomp profile", d).isEqualTo("RuntimeDefault");
                softly.assertThat(podSecurity.path("runAsUser").asInt(0))
                        .as("%s runs as a non-zero UID", d).isPositive();
                softly.assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
                        .as("%s needs no Kubernetes API token", d).isFalse();
                for (JsonNode container : containers(deployment)) {
                    JsonNode security = container.path("securityContext");
                    softly.assertThat(security.path("runAsNonRoot").asBoolean(false)
                                    || podSecurity.path("runAsNonRoot").asBoolean(false))
                            .as("%s runAsNonRoot", d).isTrue();
                    softly.assertThat(security.path("readOnlyRootFilesystem").asBoolean(false))
                            .as("%s readOnlyRootFilesystem", d).isTrue();
                    softly.assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                            .as("%s allowPrivilegeEscalation", d).isFalse();
                    softly.assertThat(Manifests.texts(security.path("capabilities").path("drop")))
                            .as("%s drops ALL capabilities", d).contains("ALL");
                    softly.assertThat(security.path("capabilities").path("add").isEmpty())
                            .as("%s adds no capability", d).isTrue();
                    // the one writable place: /tmp on an emptyDir
                    String tmpVolume = null;
                    for (JsonNode mount : container.path("volumeMounts")) {
                        if ("/tmp".equals(mount.path("mountPath").asText())) {
                            tmpVolume = mount.path("name").asText();
                        }
                    }
                    softly.assertThat(tmpVolume).as("%s mounts /tmp", d).isNotNull();
                    for (JsonNode volume : pod.path("volumes")) {
                        if (volume.path("name").asText().equals(tmpVolume)) {
                            softly.assertThat(volume.has("emptyDir")).as("%s /tmp is an emptyDir", d).isTrue();
                        }
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyImageIsPinnedToAVersion(String overlay) {
        List<String> images = new ArrayList<>();
        for (JsonNode object : Manifests.of(overlay).objects) {
            collectImages(object, images);
        }
        // the five services, Keycloak and PostgreSQL at least: an empty scan would prove nothing
        assertThat(images).as("%s: images found", overlay).hasSizeGreaterThanOrEqualTo(7);
        assertThat(images).as("%s: every image has a tag or a digest, never latest", overlay)
                .allSatisfy(image -> assertThat(isPinned(image)).as(image).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void servicesRunTheirOwnImageOfTheRelease(String overlay) {
        Manifests m = Manifests.of(overlay);
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.WORKLOADS) {
                softly.assertThat(podSpec(m.get("Deployment", service)).path("containers").get(0).path("image").asText())
                        .as("%s: %s image", overlay, service)
                        .isEqualTo(CarbonServices.REGISTRY + service + ":" + CarbonServices.VERSION);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theGatewayRoutesToTheFourServicesAndIsTheOnlyOnePublished(String overlay) {
        Manifests m = Manifests.of(overlay);
        JsonNode gateway = podSpec(m.get("Deployment", CarbonServices.GATEWAY)).path("containers").get(0);
        Map<String, String> routes = Map.of(
                "CARBON_GATEWAY_ROUTES_ALLOCATION", "allocation-service",
                "CARBON_GATEWAY_ROUTES_SURRENDER", "surrender-service",
                "CARBON_GATEWAY_ROUTES_OFFSETS", "offset-service",
                "CARBON_GATEWAY_ROUTES_RISK", "risk-service",
                "CARBON_GATEWAY_CONSOLE", CarbonServices.CONSOLE);
        SoftAssertions.assertSoftly(softly -> {
            routes.forEach((variable, service) -> {
                softly.assertThat(Manifests.env(gateway, variable).path("value").asText())
                        .as("%s: %s", overlay, variable).isEqualTo("http://" + service + ":8080");
                softly.assertThat(m.find("Service", service)).as("%s: Service %s", overlay, service).isPresent();
            });
            softly.assertThat(Manifests.env(gateway, "QUARKUS_DATASOURCE_JDBC_URL").isMissingNode())
                    .as("%s: the gateway has no database", overlay).isTrue();
            // besides the gateway, prod publishes only Keycloak's carbon realm (ProductionHardeningTest)
            List<JsonNode> ingresses = m.ofKind("Ingress").stream()
                    .filter(i -> !name(i).equals("keycloak-public")).toList();
            softly.assertThat(ingresses).as("%s: Ingresses", overlay).hasSize(1);
            for (JsonNode ingress : ingresses) {
                List<String> backends = new ArrayList<>();
                ingress.path("spec").path("rules").forEach(rule -> rule.path("http").path("paths").forEach(
                        path -> backends.add(path.path("backend").path("service").path("name").asText())));
                softly.assertThat(backends).as("%s: Ingress %s backends", overlay, name(ingress))
                        .isNotEmpty().containsOnly(CarbonServices.GATEWAY);
                softly.assertThat(Manifests.texts(ingress.path("spec").path("tls").path(0).path("hosts")))
                        .as("%s: the Ingress host is served over TLS", overlay)
                        .containsExactly(ingress.path("spec").path("rules").path(0).path("host").asText());
                softly.assertThat(ingress.path("spec").path("rules").path(0).path("http").path("paths")
                                .findValuesAsText("path"))
                        .as("%s: health and metrics (/q) are not published", overlay)
                        .noneMatch(p -> p.equals("/") || p.startsWith("/q"));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theConsoleReadsThroughTheGatewayAndSignsInWithItsSecretsFromSecrets(String overlay) {
        Manifests m = Manifests.of(overlay);
        JsonNode console = podSpec(m.get("Deployment", CarbonServices.CONSOLE)).path("containers").get(0);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(Manifests.env(console, "CARBON_CONSOLE_GATEWAY_URL").path("value").asText())
                    .as("%s: the console reads the services through the gateway", overlay)
                    .isEqualTo("http://" + CarbonServices.GATEWAY + ":8080");
            Map<String, String> secrets = Map.of(
                    "CARBON_GATEWAY_CLIENT_SECRET", "carbon-keycloak-clients/gateway-client-secret",
                    "CARBON_CONSOLE_STATE_SECRET", "carbon-console/state-secret");
            secrets.forEach((variable, ref) -> {
                JsonNode key = Manifests.env(console, variable).path("valueFrom").path("secretKeyRef");
                softly.assertThat(key.path("name").asText() + "/" + key.path("key").asText())
                        .as("%s: console %s", overlay, variable).isEqualTo(ref);
            });
            // the OpenID server and issuer are the shared ones (the same realm as the services' tokens)
            softly.assertThat(m.sharedConfig("QUARKUS_OIDC_AUTH_SERVER_URL")).as("%s: OIDC server", overlay).isNotBlank();
            softly.assertThat(console.path("envFrom").findValuesAsText("name"))
                    .as("%s: the console has the shared configuration", overlay)
                    .anyMatch(n -> n.startsWith("carbon-platform-config"));
            // the services' audience would refuse the console's own ID token
            softly.assertThat(Manifests.env(console, "QUARKUS_OIDC_TOKEN_AUDIENCE").path("value").asText("unset"))
                    .as("%s: console token audience", overlay).isEmpty();
            softly.assertThat(Manifests.env(console, "QUARKUS_DATASOURCE_JDBC_URL").isMissingNode())
                    .as("%s: the console has no database", overlay).isTrue();
            softly.assertThat(Manifests.env(console, "KAFKA_SASL_JAAS_CONFIG").isMissingNode())
                    .as("%s: the console is no Kafka client", overlay).isTrue();
            softly.assertThat(m.find("KafkaUser", CarbonServices.CONSOLE)).as("%s: no KafkaUser console", overlay).isEmpty();
        });
    }

    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        return colon > 0 && colon < lastSegment.length() - 1 && !lastSegment.endsWith(":latest");
    }

    private static void collectImages(JsonNode node, List<String> images) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("image") || field.getKey().equals("imageName")) && field.getValue().isTextual()) {
                    images.add(field.getValue().asText());
                } else {
                    collectImages(field.getValue(), images);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectImages(child, images));
        }
    }

    private static List<JsonNode> containers(JsonNode deployment) {
        List<JsonNode> all = new ArrayList<>();
        podSpec(deployment).path("initContainers").forEach(all::add);
        podSpec(deployment).path("containers").forEach(all::add);
        return all;
    }
}
