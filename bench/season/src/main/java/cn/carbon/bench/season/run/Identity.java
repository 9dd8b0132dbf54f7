package cn.carbon.bench.season.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The season's people in Keycloak (realm carbon): province officers, entity users, registry operators and exchange
 * desks, created in bulk through the admin API ({@code partialImport}) with their realm role and scope attribute
 * ({@code province_code} / {@code entity_id}), and their real tokens (password grant through the public client
 * {@code carbon-season}, whose access tokens live long enough for a ×10 season).
 *
 * <p>Passwords are imported already hashed (PBKDF2, one iteration) so that the import costs nothing; Keycloak
 * re-hashes each with the realm's own algorithm at its first login, which is what a login costs anyway.
 */
public final class Identity {

    public static final String CLIENT = "carbon-season";
    static final String PASSWORD = "Carbon-Demo-2026";

    private final Http http;
    private final String keycloak;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile String adminToken;
    private volatile long adminExpires;

    private record Token(String access, long expiresAtMillis) {
    }

    public Identity(Http http, String keycloak) {
        this.http = http;
        this.keycloak = keycloak;
    }

    /** One user to create. */
    public record User(String username, String role, String attribute, String value, String firstName, String lastName) {
    }

    public Http.Principal principal(String username) {
        return new Http.Principal(username, () -> token(username));
    }

    /** The exchange's own client (client credentials), as the demo uses it. */
    public Http.Principal exchangeClient() {
        return new Http.Principal("carbon-exchange", () -> {
            Token t = tokens.get("#exchange");
            if (t == null || t.expiresAtMillis < System.currentTimeMillis() + 30_000) {
                t = grant("grant_type=client_credentials&client_id=carbon-exchange&client_secret=exchange-demo-secret");
                tokens.put("#exchange", t);
            }
            return t.access;
        });
    }

    public String token(String username) {
        Token t = tokens.get(username);
        if (t == null || t.expiresAtMillis < System.currentTimeMillis() + 60_000) {
            t = grant("grant_type=password&client_id=" + CLIENT + "&username=" + enc(username) + "&password=" + enc(PASSWORD));
            tokens.put(username, t);
        }
        return t.access;
    }

    private Token grant(String form) {
        for (int attempt = 1; ; attempt++) {
            Http.Reply r = http.send("POST", keycloak + "/realms/carbon/protocol/openid-connect/token", null,
                    "application/x-www-form-urlencoded", form, null);
            if (r.ok()) {
                JsonNode j = r.json();
                return new Token(j.path("access_token").asText(),
                        System.currentTimeMillis() + 1_000L * j.path("expires_in").asLong(300));
            }
            if (attempt >= 5) {
                throw new IllegalStateException("Keycloak refused a token: " + r.brief());
            }
            Http.sleep(500L * attempt);
        }
    }

    private String admin() {
        if (adminToken == null || adminExpires < System.currentTimeMillis() + 15_000) {
            Http.Reply r = http.send("POST", keycloak + "/realms/master/protocol/openid-connect/token", null,
                    "application/x-www-form-urlencoded", "grant_type=password&client_id=admin-cli&username=admin&password=admin",
                    null);
            if (!r.ok()) {
                throw new IllegalStateException("Keycloak admin login refused: " + r.brief());
            }
            adminToken = r.json().path("access_token").asText();
            adminExpires = System.currentTimeMillis() + 1_000L * r.json().path("expires_in").asLong(60);
        }
        return adminToken;
    }

    private Http.Principal adminPrincipal() {
        return new Http.Principal("keycloak-admin", this::admin);
    }

    /** The public client the season logs its users in through, with access tokens of {@code lifespan}. */
    public void ensureClient(Duration lifespan) {
        Http.Reply found = http.get(keycloak + "/admin/realms/carbon/clients?clientId=" + CLIENT, adminPrincipal());
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", CLIENT);
        client.put("name", "Carbon season runner (bench/season)");
        client.put("publicClient", true);
        client.put("directAccessGrantsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.putObject("attributes").put("access.token.lifespan", String.valueOf(lifespan.toSeconds()));
        if (found.ok() && found.json().size() > 0) {
            String id = found.json().get(0).path("id").asText();
            client.put("id", id);
            check(http.put(keycloak + "/admin/realms/carbon/clients/" + id, adminPrincipal(), client, null), "update client");
        } else {
            check(http.post(keycloak + "/admin/realms/carbon/clients", adminPrincipal(), client, null), "create client");
        }
    }

    /** Creates (or replaces) the users in batches; answers how many Keycloak reports added or overwritten. */
    public int importUsers(List<User> users) {
        int done = 0;
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String secret = "{\"value\":\"" + pbkdf2(salt) + "\",\"salt\":\"" + Base64.getEncoder().encodeToString(salt)
                + "\",\"additionalParameters\":{}}";
        String data = "{\"hashIterations\":1,\"algorithm\":\"pbkdf2-sha256\",\"additionalParameters\":{}}";
        for (int from = 0; from < users.size(); from += 500) {
            ObjectNode body = Http.JSON.createObjectNode();
            body.put("ifResourceExists", "OVERWRITE");
            ArrayNode list = body.putArray("users");
            for (User u : users.subList(from, Math.min(users.size(), from + 500))) {
                ObjectNode n = list.addObject();
                n.put("username", u.username());
                n.put("enabled", true);
                n.put("emailVerified", true);
                n.put("firstName", u.firstName());
                n.put("lastName", u.lastName());
                n.put("email", u.username() + "@season.carbon.example");
                if (u.attribute() != null) {
                    n.putObject("attributes").putArray(u.attribute()).add(u.value());
                }
                n.putArray("realmRoles").add(u.role());
                ObjectNode c = n.putArray("credentials").addObject();
                c.put("type", "password");
                c.put("secretData", secret);
                c.put("credentialData", data);
                c.put("temporary", false);
            }
            Http.Reply r = http.post(keycloak + "/admin/realms/carbon/partialImport", adminPrincipal(), body, null);
            check(r, "partialImport");
            done += r.json().path("added").asInt() + r.json().path("overwritten").asInt();
            users.subList(from, Math.min(users.size(), from + 500)).forEach(u -> tokens.remove(u.username()));
        }
        return done;
    }

    private static String pbkdf2(byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(PASSWORD.toCharArray(), salt, 1, 256);
            return Base64.getEncoder().encodeToString(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(Http.Reply r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException("Keycloak " + what + ": " + r.brief());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> names(List<User> users) {
        return users.stream().map(User::username).collect(Collectors.toCollection(ArrayList::new));
    }
}
