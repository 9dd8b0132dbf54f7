package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Who is signed in: the role and scope claims of the access token Keycloak issued to the console (quarkus-oidc has
 * verified it), and the token itself, which every call to the gateway carries. Signed out: {@link #signedIn()} false.
 */
@RequestScoped
public class ConsoleUser {

    /** The roles in the order a page picks its home by (a user normally has one). */
    public static final List<String> ROLES = List.of("registry", "ministry", "province", "entity", "exchange");

    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private JsonNode claims;

    public ConsoleUser(SecurityIdentity identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public String token() {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? null : credential.getToken();
    }

    public String username() {
        return signedIn() ? claims().path("preferred_username").asText(identity.getPrincipal().getName()) : null;
    }

    public String displayName() {
        String name = claims().path("name").asText("");
        return name.isBlank() ? username() : name;
    }

    /** registry, ministry, province, entity or exchange; null when signed out or holding none of them */
    public String role() {
        if (!signedIn()) {
            return null;
        }
        return ROLES.stream().filter(identity::hasRole).findFirst().orElse(null);
    }

    public boolean is(String role) {
        return signedIn() && identity.hasRole(role);
    }

    // no-argument forms for the templates: Qute resolves a request-scoped bean's methods by reflection, which calls
    // no method that takes an argument, so {#if user.is('province')} was never true
    public boolean asProvince() {
        return is("province");
    }

    public boolean asEntity() {
        return is("entity");
    }

    public boolean asRegistry() {
        return is("registry");
    }

    public boolean asMinistry() {
        return is("ministry");
    }

    public boolean asExchange() {
        return is("exchange");
    }

    public String provinceCode() {
        return claims().path("province_code").asText(null);
    }

    public String entityId() {
        return claims().path("entity_id").asText(null);
    }

    private JsonNode claims() {
        if (claims == null) {
            claims = decode(token());
        }
        return claims;
    }

    private JsonNode decode(String token) {
        if (token == null || token.split("\\.").length < 2) {
            return json.createObjectNode();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return json.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return json.createObjectNode();
        }
    }
}
