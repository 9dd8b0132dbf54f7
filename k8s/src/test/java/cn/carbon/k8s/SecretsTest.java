package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static cn.carbon.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/** No secret value is in git: Secrets are referenced, made by the operators, or created by people (README). */
class SecretsTest {

    private static final Pattern SENSITIVE = Pattern.compile(".*(PASSWORD|SECRET|JAAS|CREDENTIAL).*|.*_TOKEN|.*_KEY");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void noSecretObjectHoldsAValue(String overlay) {
        assertThat(Manifests.of(overlay).ofKind("Secret")).as("%s: Secrets with values", overlay)
                .allSatisfy(secret -> {
                    assertThat(secret.path("data").isEmpty()).as(name(secret) + " data").isTrue();
                    assertThat(secret.path("stringData").isEmpty()).as(name(secret) + " stringData").isTrue();
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void sensitiveVariablesComeFromSecrets(String overlay) {
        Manifests m = Manifests.of(overlay);
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode deployment : m.ofKind("Deployment")) {
                for (JsonNode container : Manifests.podSpec(deployment).path("containers")) {
                    for (JsonNode variable : container.path("env")) {
                        if (SENSITIVE.matcher(variable.path("name").asText()).matches()) {
                            softly.assertThat(variable.path("valueFrom").path("secretKeyRef").path("name").asText())
                                    .as("%s: %s %s", overlay, name(deployment), variable.path("name").asText())
                                    .isNotBlank();
                            softly.assertThat(variable.has("value")).isFalse();
                        }
                    }
                }
            }
            m.ofKind("ConfigMap").forEach(map -> map.path("data").fieldNames().forEachRemaining(key ->
                    softly.assertThat(SENSITIVE.matcher(key).matches()).as("%s: ConfigMap key %s", overlay, key).isFalse()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everySecretNoOperatorMakesIsDocumentedWithItsKeys(String overlay) throws Exception {
        Manifests m = Manifests.of(overlay);
        Map<String, Set<String>> referenced = new TreeMap<>();
        m.objects.forEach(object -> collectSecretReferences(object, referenced));
        assertThat(referenced).as("%s: Secrets referenced", overlay).isNotEmpty();

        Set<String> madeByOperators = new TreeSet<>();
        m.ofKind("Cluster").forEach(c -> madeByOperators.add(name(c) + "-app"));              // CloudNativePG
        m.ofKind("KafkaUser").forEach(u -> madeByOperators.add(name(u)));                     // Strimzi user operator
        m.ofKind("Kafka").forEach(k -> madeByOperators.add(name(k) + "-cluster-ca-cert"));    // Strimzi cluster CA
        m.ofKind("Certificate").forEach(c -> madeByOperators.add(c.path("spec").path("secretName").asText()));
        m.ofKind("Ingress").stream()                                                           // cert-manager ingress-shim
                .filter(i -> i.path("metadata").path("annotations").has("cert-manager.io/cluster-issuer"))
                .forEach(i -> i.path("spec").path("tls").forEach(t -> madeByOperators.add(t.path("secretName").asText())));

        String readme = Files.readString(Manifests.k8sDir().resolve("README.md"));
        Map<String, Set<String>> byPeople = new TreeMap<>(referenced);
        byPeople.keySet().removeAll(madeByOperators);
        assertThat(byPeople).as("%s: Secrets people create", overlay).isNotEmpty();
        SoftAssertions.assertSoftly(softly -> byPeople.forEach((secret, keys) -> {
            softly.assertThat(readme).as("k8s/README.md documents Secret %s", secret).contains("`" + secret + "`");
            keys.forEach(key -> softly.assertThat(readme).as("k8s/README.md documents %s key %s", secret, key)
                    .contains(key));
        }));
    }

    /** secretKeyRef, secret volumes, Ingress TLS, and the operators' own {name, key} references. */
    private static void collectSecretReferences(JsonNode node, Map<String, Set<String>> referenced) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                String key = field.getKey();
                boolean nameAndKey = value.isObject() && value.has("name") && value.has("key") && value.size() <= 3;
                if ((key.equals("secretKeyRef") || key.endsWith("Secret") || key.equals("secret")
                        || key.equals("accessKeyId") || key.equals("secretAccessKey")) && nameAndKey) {
                    referenced.computeIfAbsent(value.path("name").asText(), k -> new TreeSet<>()).add(value.path("key").asText());
                } else if (key.equals("secretName") || key.equals("tlsSecret")) {
                    referenced.computeIfAbsent(value.asText(), k -> new TreeSet<>());
                } else {
                    collectSecretReferences(value, referenced);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectSecretReferences(child, referenced));
        }
    }
}
