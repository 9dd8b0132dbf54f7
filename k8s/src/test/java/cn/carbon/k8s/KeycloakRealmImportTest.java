package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.carbon.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/** The realm Keycloak imports on Kubernetes is the one realm file of the local stack. */
class KeycloakRealmImportTest {

    static final Path REALM_FILE = Manifests.k8sDir().resolve("keycloak/carbon-realm.json");
    private static final String REGENERATE = "k8s/keycloak/carbon-realm.json changed: run k8s/keycloak/generate-realm-import.sh";
    /** ${NAME} or ${NAME:default}: Keycloak resolves NAME from the environment when it imports. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private static JsonNode realmImport(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.ofKind("KeycloakRealmImport")).as("%s: realm imports", overlay).hasSize(1);
        return m.ofKind("KeycloakRealmImport").get(0);
    }

    @Test
    void devImportsTheRealmFileAsItIs() {
        assertThat(realmImport("dev").path("spec").path("realm")).as(REGENERATE)
                .isEqualTo(Manifests.readJson(REALM_FILE));
    }

    @Test
    void prodImportsTheRealmFileWithoutItsDemoUsersAndItsPasswordGrantClient() {
        ObjectNode expected = (ObjectNode) Manifests.readJson(REALM_FILE);
        ArrayNode serviceAccounts = Manifests.JSON.createArrayNode();
        expected.path("users").forEach(u -> {
            if (u.has("serviceAccountClientId")) {
                serviceAccounts.add(u);
            }
        });
        assertThat(serviceAccounts).as("the exchange's service account").isNotEmpty();
        expected.set("users", serviceAccounts);
        ArrayNode clients = Manifests.JSON.createArrayNode();
        expected.path("clients").forEach(c -> {
            if (!c.path("clientId").asText().equals("carbon-cli")) {
                clients.add(c);
            }
        });
        expected.set("clients", clients);
        JsonNode realm = realmImport("prod").path("spec").path("realm");
        assertThat(realm.path("users")).as("prod: no demo user, no password in the realm")
                .allSatisfy(u -> assertThat(u.has("credentials")).isFalse());
        assertThat(realm).as(REGENERATE + " (and keep the prod users and carbon-cli patches)").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyPlaceholderOfTheRealmIsFilledFromASecret(String overlay) throws Exception {
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(java.nio.file.Files.readString(REALM_FILE));
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        assertThat(placeholders).as("the client secrets of the realm are placeholders")
                .contains("CARBON_EXCHANGE_CLIENT_SECRET", "CARBON_GATEWAY_CLIENT_SECRET");
        JsonNode filled = realmImport(overlay).path("spec").path("placeholders");
        for (String placeholder : placeholders) {
            // without it the import would silently fall back to the demo default of the file
            JsonNode secret = filled.path(placeholder).path("secret");
            assertThat(secret.path("name").asText()).as("%s: Secret of placeholder %s", overlay, placeholder).isNotBlank();
            assertThat(secret.path("key").asText()).as("%s: key of placeholder %s", overlay, placeholder).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void servicesTrustTokensOfThisRealmForTheCarbonApiAudience(String overlay) {
        Manifests m = Manifests.of(overlay);
        JsonNode keycloak = m.ofKind("Keycloak").get(0);
        String realm = realmImport(overlay).path("spec").path("realm").path("realm").asText();
        assertThat(realmImport(overlay).path("spec").path("keycloakCRName").asText()).isEqualTo(name(keycloak));
        assertThat(m.sharedConfig("QUARKUS_OIDC_TOKEN_ISSUER")).as("%s: issuer = Keycloak's public hostname", overlay)
                .isEqualTo(keycloak.path("spec").path("hostname").path("hostname").asText() + "/realms/" + realm);
        assertThat(m.sharedConfig("QUARKUS_OIDC_AUTH_SERVER_URL")).as("%s: backchannel URL", overlay)
                .isEqualTo("https://" + name(keycloak) + "-service:8443/realms/" + realm);
        assertThat(keycloak.path("spec").path("hostname").path("backchannelDynamic").asBoolean())
                .as("%s: Keycloak answers the backchannel on its in-cluster address", overlay).isTrue();
        assertThat(m.sharedConfig("QUARKUS_OIDC_TOKEN_AUDIENCE")).isEqualTo(CarbonRealmTest.AUDIENCE);
        JsonNode db = keycloak.path("spec").path("db");
        assertThat(db.path("host").asText()).isEqualTo("keycloak-db-rw");
        assertThat(db.path("usernameSecret").path("name").asText()).isEqualTo("keycloak-db-app");
        assertThat(db.path("passwordSecret").path("name").asText()).isEqualTo("keycloak-db-app");
        assertThat(m.get("Cluster", "keycloak-db").path("spec").path("bootstrap").path("initdb").path("database").asText())
                .isEqualTo(db.path("database").asText());
    }
}
