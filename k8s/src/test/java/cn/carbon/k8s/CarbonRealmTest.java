package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one realm file (k8s/keycloak/carbon-realm.json): roles and scope claims of docs/DESIGN.md, the
 * carbon-api audience, the three clients and the demo users of the local stack and the end-to-end tests.
 */
class CarbonRealmTest {

    static final String AUDIENCE = "carbon-api";
    private static final JsonNode REALM = Manifests.readJson(KeycloakRealmImportTest.REALM_FILE);
    private static final String DEMO_PASSWORD = "Carbon-Demo-2026";

    /** GB 32100-2015: the 18th character of a unified social credit code is a check character. */
    static boolean isValidUscc(String code) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = alphabet.indexOf(code.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * weights[i];
        }
        return alphabet.charAt((31 - sum % 31) % 31) == code.charAt(17);
    }

    @Test
    void theUsccCheckRejectsAWrongCheckCharacter() {
        assertThat(isValidUscc("91110000MA0000011M")).isTrue();
        assertThat(isValidUscc("91110000MA0000011N")).isFalse();
    }

    @Test
    void realmHasTheFiveRolesAndItsSessionRules() {
        assertThat(REALM.path("realm").asText()).isEqualTo("carbon");
        assertThat(REALM.path("roles").path("realm").findValuesAsText("name"))
                .contains("registry", "ministry", "province", "entity", "exchange");
        assertThat(REALM.path("accessTokenLifespan").asInt()).isEqualTo(300);
        assertThat(REALM.path("ssoSessionIdleTimeout").asInt()).isEqualTo(1800);
        assertThat(REALM.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(REALM.path("passwordPolicy").asText())
                .contains("length(12)", "upperCase(1)", "lowerCase(1)", "digits(1)", "notUsername");
    }

    @Test
    void everyCarbonClientPutsTheAudienceTheScopeClaimsAndTheRealmRolesInItsTokens() {
        Map<String, JsonNode> scopes = new LinkedHashMap<>();
        REALM.path("clientScopes").forEach(s -> scopes.put(s.path("name").asText(), s));
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode client : REALM.path("clients")) {
                String id = client.path("clientId").asText();
                List<JsonNode> mappers = new ArrayList<>();
                client.path("defaultClientScopes").forEach(s -> {
                    softly.assertThat(scopes).as("%s: client scope %s exists", id, s.asText()).containsKey(s.asText());
                    Optional.ofNullable(scopes.get(s.asText())).ifPresent(scope -> scope.path("protocolMappers").forEach(mappers::add));
                });
                softly.assertThat(mappers).as("%s: audience %s", id, AUDIENCE).anySatisfy(mapper -> {
                    assertThat(mapper.path("protocolMapper").asText()).isEqualTo("oidc-audience-mapper");
                    assertThat(mapper.path("config").path("included.custom.audience").asText()).isEqualTo(AUDIENCE);
                    assertThat(mapper.path("config").path("access.token.claim").asText()).isEqualTo("true");
                });
                for (String claim : List.of("province_code", "entity_id")) {
                    softly.assertThat(mappers).as("%s: claim %s", id, claim).anySatisfy(mapper -> {
                        assertThat(mapper.path("protocolMapper").asText()).isEqualTo("oidc-usermodel-attribute-mapper");
                        assertThat(mapper.path("config").path("user.attribute").asText()).isEqualTo(claim);
                        assertThat(mapper.path("config").path("claim.name").asText()).isEqualTo(claim);
                        assertThat(mapper.path("config").path("access.token.claim").asText()).isEqualTo("true");
                    });
                }
                softly.assertThat(mappers).as("%s: realm_access.roles", id).anySatisfy(mapper -> {
                    assertThat(mapper.path("protocolMapper").asText()).isEqualTo("oidc-usermodel-realm-role-mapper");
                    assertThat(mapper.path("config").path("claim.name").asText()).isEqualTo("realm_access.roles");
                });
                softly.assertThat(mappers).as("%s: sub claim", id)
                        .anySatisfy(mapper -> assertThat(mapper.path("protocolMapper").asText()).isEqualTo("oidc-sub-mapper"));
            }
        });
    }

    @Test
    void theThreeClientsAndTheExchangesServiceAccount() {
        JsonNode cli = client("carbon-cli");
        assertThat(cli.path("publicClient").asBoolean()).isTrue();
        assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isTrue();

        JsonNode exchange = client("carbon-exchange");
        assertThat(exchange.path("publicClient").asBoolean()).isFalse();
        assertThat(exchange.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(exchange.path("secret").asText())
                .as("a placeholder: the demo value only where no Secret is given")
                .isEqualTo("${CARBON_EXCHANGE_CLIENT_SECRET:exchange-demo-secret}");
        assertThat(user("service-account-carbon-exchange").path("serviceAccountClientId").asText()).isEqualTo("carbon-exchange");
        assertThat(Manifests.texts(user("service-account-carbon-exchange").path("realmRoles"))).containsExactly("exchange");

        JsonNode gateway = client("carbon-gateway");
        assertThat(gateway.path("publicClient").asBoolean()).isFalse();
        assertThat(gateway.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(gateway.path("secret").asText()).isEqualTo("${CARBON_GATEWAY_CLIENT_SECRET:gateway-demo-secret}");
    }

    @Test
    void scopeAttributesAreDeclaredInTheUserProfileAndOnlyAdministratorsEditThem() throws Exception {
        JsonNode provider = REALM.path("components").path("org.keycloak.userprofile.UserProfileProvider").path(0);
        JsonNode profile = Manifests.JSON.readTree(provider.path("config").path("kc.user.profile.config").path(0).asText());
        for (String attribute : List.of("province_code", "entity_id")) {
            JsonNode declared = null;
            for (JsonNode a : profile.path("attributes")) {
                if (a.path("name").asText().equals(attribute)) {
                    declared = a;
                }
            }
            // Keycloak 26 drops undeclared ("unmanaged") attributes of imported users
            assertThat(declared).as("user profile declares %s", attribute).isNotNull();
            assertThat(Manifests.texts(declared.path("permissions").path("edit")))
                    .as("%s: a user cannot widen their own scope", attribute).containsExactly("admin");
        }
    }

    @Test
    void demoUsersCoverEveryRoleAndScope() {
        Map<String, String[]> expected = new LinkedHashMap<>();
        expected.put("registry.officer", new String[] {"registry", null, null});
        expected.put("registry.approver", new String[] {"registry", null, null});
        expected.put("ministry.officer", new String[] {"ministry", null, null});
        expected.put("beijing.officer", new String[] {"province", "110000", null});
        expected.put("jiangsu.officer", new String[] {"province", "320000", null});
        expected.put("jiangsu.reviewer", new String[] {"province", "320000", null});
        expected.put("guangdong.officer", new String[] {"province", "440000", null});
        // the console's browser suite works in provinces no other suite uses
        expected.put("gansu.officer", new String[] {"province", "620000", null});
        expected.put("qinghai.officer", new String[] {"province", "630000", null});
        expected.put("entity.91620000MA00001010", new String[] {"entity", null, "91620000MA00001010"});
        expected.put("entity.91110000MA0000011M", new String[] {"entity", null, "91110000MA0000011M"});
        expected.put("entity.91320000MA0000033F", new String[] {"entity", null, "91320000MA0000033F"});
        expected.put("entity.91440000MA0000066T", new String[] {"entity", null, "91440000MA0000066T"});
        expected.put("exchange.operator", new String[] {"exchange", null, null});
        SoftAssertions.assertSoftly(softly -> expected.forEach((username, want) -> {
            JsonNode user = user(username);
            softly.assertThat(user.path("enabled").asBoolean()).as("%s enabled", username).isTrue();
            softly.assertThat(user.path("emailVerified").asBoolean()).as("%s emailVerified", username).isTrue();
            for (String field : List.of("firstName", "lastName", "email")) {
                softly.assertThat(user.path(field).asText()).as("%s %s", username, field).isNotBlank();
            }
            softly.assertThat(Manifests.texts(user.path("realmRoles"))).as("%s roles", username).containsExactly(want[0]);
            softly.assertThat(user.path("attributes").path("province_code").path(0).asText(null))
                    .as("%s province_code", username).isEqualTo(want[1]);
            softly.assertThat(user.path("attributes").path("entity_id").path(0).asText(null))
                    .as("%s entity_id", username).isEqualTo(want[2]);
            if (want[2] != null) {
                softly.assertThat(isValidUscc(want[2])).as("%s is a valid USCC", want[2]).isTrue();
            }
            JsonNode credential = user.path("credentials").path(0);
            softly.assertThat(credential.path("type").asText()).as("%s credential", username).isEqualTo("password");
            softly.assertThat(credential.path("value").asText()).as("%s password", username).isEqualTo(DEMO_PASSWORD);
            softly.assertThat(credential.path("temporary").asBoolean(true)).as("%s password is final", username).isFalse();
        }));
        // the demo password must pass the realm's own policy
        assertThat(DEMO_PASSWORD).hasSizeGreaterThanOrEqualTo(12).containsPattern("[A-Z]").containsPattern("[a-z]")
                .containsPattern("[0-9]");
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : REALM.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static JsonNode user(String username) {
        for (JsonNode user : REALM.path("users")) {
            if (user.path("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username);
    }
}
