package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every object of one overlay, as {@code kubectl kustomize k8s/overlays/<overlay>} prints it: what
 * {@code kubectl apply -k} would send to the cluster. Each overlay is built once per test run.
 */
final class Manifests {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Manifests> BUILT = new ConcurrentHashMap<>();

    final String overlay;
    final List<JsonNode> objects;

    private Manifests(String overlay, List<JsonNode> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    static Manifests of(String overlay) {
        return BUILT.computeIfAbsent(overlay, Manifests::kustomize);
    }

    /** The k8s/ folder (the module's base directory). */
    static Path k8sDir() {
        return Path.of(System.getProperty("carbon.k8s.dir", ".")).toAbsolutePath().normalize();
    }

    /** The one catalogue of topics of the contracts module. */
    static Path topicsCatalogue() {
        return Path.of(System.getProperty("carbon.topics",
                k8sDir().resolve("../contracts/src/main/resources/carbon/topics.json").toString()));
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Manifests kustomize(String overlay) {
        Path dir = k8sDir().resolve("overlays").resolve(overlay);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no overlay at " + dir);
        }
        String kubectl = System.getProperty("carbon.kubectl", "kubectl");
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
        } catch (IOException e) {
            // never skip: without kubectl nothing below is checked, so the build must say so
            throw new AssertionError("'" + kubectl + "' cannot be run (" + e.getMessage() + "): the Kubernetes manifests "
                    + "cannot be built and checked. Install kubectl, e.g. `apt-get install -y kubernetes-client` "
                    + "(.ci/run does), or point -Dcarbon.kubectl=/path/to/kubectl at one.", e);
        }
        try {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String stdout = readAll(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed with exit code " + process.exitValue()
                        + ":\n" + stderr.join());
            }
            List<JsonNode> objects = YAML.readValues(YAML.getFactory().createParser(stdout), JsonNode.class)
                    .readAll().stream()
                    .filter(node -> node != null && node.isObject())
                    .toList();
            if (objects.isEmpty()) {
                throw new AssertionError("kubectl kustomize " + dir + " printed no objects");
            }
            return new Manifests(overlay, objects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** The labels a Deployment gives its pods. */
    static Map<String, String> podLabels(JsonNode deployment) {
        return Selectors.labels(deployment.path("spec").path("template").path("metadata").path("labels"));
    }

    static JsonNode podSpec(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec");
    }

    /** A container's environment variable, or a missing node. */
    static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        return JSON.missingNode();
    }

    /** The strings of a YAML list. */
    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The value of a variable set in the shared ConfigMap (envFrom). */
    String sharedConfig(String name) {
        List<JsonNode> maps = ofKind("ConfigMap").stream()
                .filter(m -> name(m).startsWith("carbon-platform-config"))
                .toList();
        if (maps.size() != 1) {
            throw new AssertionError(overlay + ": expected one carbon-platform-config ConfigMap, found " + maps.size());
        }
        return maps.get(0).path("data").path(name).asText(null);
    }
}
