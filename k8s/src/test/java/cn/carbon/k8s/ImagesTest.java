package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.carbon.k8s.Manifests.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container images are described in one place, the root pom's {@code quarkus.container-image.*} and
 * {@code quarkus.jib.*} properties, which the Quarkus build of every service reads; the Deployments must run exactly
 * what that build produces: the image name, the user, the port and a memory limit the JVM options fit in.
 */
class ImagesTest {

    private static final Map<String, String> BUILD = rootPomProperties();

    @Test
    void everyServiceBuildsItsImageWithJib() throws Exception {
        // the console too: its Deployment names an image like the others
        for (String service : CarbonServices.WORKLOADS) {
            String pom = Files.readString(Manifests.k8sDir().resolve("../" + service + "/pom.xml"));
            assertThat(pom).as("%s/pom.xml", service).contains("<artifactId>quarkus-container-image-jib</artifactId>");
            String properties = Files.readString(
                    Manifests.k8sDir().resolve("../" + service + "/src/main/resources/application.properties"));
            // the image name is the application's name
            assertThat(properties).as("%s application name", service).contains("quarkus.application.name=" + service + "\n");
        }
    }

    @Test
    void theImageSettingsAreThoseTheManifestsExpect() {
        assertThat(BUILD.get("quarkus.container-image.registry") + "/" + BUILD.get("quarkus.container-image.group") + "/")
                .isEqualTo(CarbonServices.REGISTRY);
        assertThat(BUILD.get("quarkus.container-image.tag")).isEqualTo(CarbonServices.VERSION);
        assertThat(BUILD.get("quarkus.jib.user")).isEqualTo("185");
        assertThat(BUILD.get("quarkus.jib.ports")).isEqualTo("8080");
        assertThat(BUILD.get("quarkus.jib.environment-variables.QUARKUS_HTTP_PORT")).isEqualTo("8080");
        // the heap follows the container limit: a fixed -Xmx would fight the overlays' resizing
        assertThat(jvmOptions()).noneMatch(o -> o.startsWith("-Xmx") || o.startsWith("-Xms"))
                .anyMatch(o -> o.startsWith("-XX:MaxRAMPercentage="))
                .contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError")
                .noneMatch(o -> o.contains("${"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void deploymentsRunTheBuiltImageAsItsUserOnItsPort(String overlay) {
        Manifests m = Manifests.of(overlay);
        String registry = BUILD.get("quarkus.container-image.registry") + "/" + BUILD.get("quarkus.container-image.group");
        String user = BUILD.get("quarkus.jib.user");
        String port = BUILD.get("quarkus.jib.ports");
        double heapShare = maxRamPercentage() / 100.0;
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.WORKLOADS) {
                JsonNode pod = podSpec(m.get("Deployment", service));
                JsonNode container = pod.path("containers").get(0);
                softly.assertThat(container.path("image").asText()).as("%s: %s image", overlay, service)
                        .isEqualTo(registry + "/" + service + ":" + BUILD.get("quarkus.container-image.tag"));
                softly.assertThat(pod.path("securityContext").path("runAsUser").asText())
                        .as("%s: %s runAsUser", overlay, service).isEqualTo(user);
                softly.assertThat(container.path("ports").findValuesAsText("containerPort"))
                        .as("%s: %s containerPort", overlay, service).containsExactly(port);
                long limit = bytes(container.path("resources").path("limits").path("memory").asText());
                // the heap plus ~200 MiB of metaspace, threads and buffers must fit under the limit
                softly.assertThat(limit * heapShare + 200L * 1024 * 1024).as("%s: %s heap %s of %s + non-heap",
                        overlay, service, maxRamPercentage() + "%", limit).isLessThanOrEqualTo((double) limit);
                softly.assertThat(limit * heapShare).as("%s: %s heap of at least 256 MiB", overlay, service)
                        .isGreaterThanOrEqualTo(256.0 * 1024 * 1024);
            }
        });
    }

    private static List<String> jvmOptions() {
        // the shared options are a property of their own (./carbon's local stack reads it too)
        String options = BUILD.getOrDefault("quarkus.jib.jvm-additional-arguments", "")
                .replace("${carbon.jvm.options}", BUILD.getOrDefault("carbon.jvm.options", ""));
        return Arrays.stream(options.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static double maxRamPercentage() {
        return jvmOptions().stream().filter(o -> o.startsWith("-XX:MaxRAMPercentage="))
                .map(o -> Double.parseDouble(o.substring("-XX:MaxRAMPercentage=".length())))
                .findFirst().orElseThrow(() -> new AssertionError("no -XX:MaxRAMPercentage in the image's JVM options"));
    }

    /** A Kubernetes quantity of memory (Mi, Gi, M, G or bytes) in bytes. */
    static long bytes(String quantity) {
        Matcher q = Pattern.compile("(\\d+)(Ki|Mi|Gi|K|M|G)?").matcher(quantity);
        if (!q.matches()) {
            throw new AssertionError("not a memory quantity: '" + quantity + "'");
        }
        long n = Long.parseLong(q.group(1));
        String unit = q.group(2) == null ? "" : q.group(2);
        return switch (unit) {
            case "Ki" -> n << 10;
            case "Mi" -> n << 20;
            case "Gi" -> n << 30;
            case "K" -> n * 1_000;
            case "M" -> n * 1_000_000;
            case "G" -> n * 1_000_000_000;
            default -> n;
        };
    }

    @Test
    void memoryQuantitiesAreRead() {
        assertThat(bytes("768Mi")).isEqualTo(768L * 1024 * 1024);
        assertThat(bytes("1Gi")).isEqualTo(1L << 30);
        assertThat(bytes("500M")).isEqualTo(500_000_000L);
    }

    /** The root pom's {@code <properties>}. */
    static Map<String, String> rootPomProperties() {
        try {
            Path pom = Manifests.k8sDir().resolve("../pom.xml").normalize();
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            Map<String, String> values = new HashMap<>();
            NodeList children = ((Element) doc.getDocumentElement().getElementsByTagName("properties").item(0)).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                Node child = children.item(i);
                if (child instanceof Element e) {
                    values.put(e.getTagName(), e.getTextContent().trim());
                }
            }
            return values;
        } catch (Exception e) {
            throw new AssertionError("cannot read the root pom's properties", e);
        }
    }
}
