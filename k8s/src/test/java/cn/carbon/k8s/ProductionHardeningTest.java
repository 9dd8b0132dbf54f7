package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.carbon.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker would look for first (issue 14, items 1 and 5): signing keys that are the repository's defaults, a
 * password grant, demo users, Keycloak's admin console on the internet.
 */
class ProductionHardeningTest {

    /** Each service's signing keys: the variable and the key of the Secret carbon-signing-keys it must come from. */
    static final Map<String, Map<String, String>> SIGNING_KEYS = Map.of(
            "surrender-service", Map.of("CERTIFICATE_SIGNING_KEY", "certificate-signing-key",
                    "CERTIFICATE_PUBLIC_KEY", "certificate-public-key", "CERTIFICATE_KEY_ID", "certificate-key-id",
                    "CARBON_AUDIT_CHAIN_KEY", "audit-chain-key"),
            "allocation-service", Map.of("CARBON_NOTICE_SIGNING_KEY", "notice-signing-key",
                    "CARBON_AUDIT_CHAIN_KEY", "audit-chain-key"),
            "offset-service", Map.of("CARBON_AUDIT_CHAIN_KEY", "audit-chain-key"),
            "risk-service", Map.of("CARBON_AUDIT_CHAIN_KEY", "audit-chain-key"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everySigningKeyComesFromTheSecret(String overlay) {
        Manifests m = Manifests.of(overlay);
        SIGNING_KEYS.forEach((service, keys) -> {
            JsonNode container = Manifests.podSpec(m.get("Deployment", service)).path("containers").get(0);
            keys.forEach((variable, key) -> {
                JsonNode ref = Manifests.env(container, variable).path("valueFrom").path("secretKeyRef");
                assertThat(ref.path("name").asText()).as("%s: %s %s from a Secret", overlay, service, variable)
                        .isEqualTo("carbon-signing-keys");
                assertThat(ref.path("key").asText()).as("%s: %s %s key", overlay, service, variable).isEqualTo(key);
                assertThat(ref.path("optional").asBoolean(false)).as("%s: %s %s is required", overlay, service, variable)
                        .isFalse();
            });
        });
    }

    @Test
    void prodHasNoPasswordGrantAndNoDemoUser() {
        JsonNode realm = Manifests.of("prod").ofKind("KeycloakRealmImport").get(0).path("spec").path("realm");
        assertThat(realm.path("clients")).as("prod clients").isNotEmpty().allSatisfy(c -> {
            assertThat(c.path("directAccessGrantsEnabled").asBoolean(false))
                    .as("password grant of %s", c.path("clientId").asText()).isFalse();
            assertThat(c.path("clientId").asText()).isNotEqualTo("carbon-cli");
        });
        assertThat(realm.path("users")).as("prod users").allSatisfy(u -> {
            assertThat(u.has("credentials")).as("credentials of %s", u.path("username").asText()).isFalse();
            assertThat(u.has("serviceAccountClientId")).as("%s is a service account", u.path("username").asText()).isTrue();
        });
    }

    @Test
    void prodPublishesTheCarbonRealmButNotTheAdminConsole() {
        Manifests m = Manifests.of("prod");
        JsonNode keycloak = m.ofKind("Keycloak").get(0);
        assertThat(keycloak.path("spec").path("ingress").path("enabled").asBoolean(true))
                .as("the operator's Ingress (every path, /admin included)").isFalse();
        List<String> keycloakPaths = new ArrayList<>();
        for (JsonNode ingress : m.ofKind("Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    if (path.path("backend").path("service").path("name").asText().startsWith("keycloak")) {
                        keycloakPaths.add(name(ingress) + " " + path.path("path").asText());
                    }
                }
            }
        }
        assertThat(keycloakPaths).as("paths published to Keycloak").isNotEmpty()
                .allSatisfy(p -> assertThat(p).matches(".* (/realms/carbon/|/resources/)"));
    }

    @Test
    void devSaysPlainlyWhatItPublishes() throws Exception {
        String dev = java.nio.file.Files.readString(Manifests.k8sDir().resolve("overlays/dev/kustomization.yaml"));
        assertThat(dev).contains("NOT FOR PUBLICATION").contains("demo users").contains("admin console");
    }
}
