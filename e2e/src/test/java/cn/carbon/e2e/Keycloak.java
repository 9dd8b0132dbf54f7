package cn.carbon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Real tokens from the stack's Keycloak (realm carbon), and forgeries made from them. */
public final class Keycloak {

    public static final String URL = System.getProperty("carbon.keycloak", "http://127.0.0.1:8180");
    public static final String PASSWORD = "Carbon-Demo-2026";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Keycloak() {
    }

    /** An access token of a demo user (password grant through carbon-cli), reused until a minute before it expires. */
    public static String user(String username) {
        return cached(username, () -> tokenFrom("carbon", Map.of("grant_type", "password",
                "client_id", "carbon-cli", "username", username, "password", PASSWORD)));
    }

    /** The exchange's token (client credentials). */
    public static String exchange() {
        return cached("#exchange", () -> tokenFrom("carbon", Map.of("grant_type", "client_credentials",
                "client_id", "carbon-exchange", "client_secret", "exchange-demo-secret")));
    }

    // the realm's tokens live 5 minutes and the suite runs longer: a token held for the run expires under a later test
    private static String cached(String key, Supplier<String> fetch) {
        return CACHE.compute(key, (k, held) -> held != null && Instant.now().isBefore(held.renewAfter())
                ? held : Cached.of(fetch.get())).token();
    }

    private record Cached(String token, Instant renewAfter) {
        static Cached of(String token) {
            return new Cached(token, Instant.ofEpochSecond(payload(token).get("exp").asLong()).minusSeconds(60));
        }
    }

    /** A genuine token of another issuer: the master realm's admin. */
    public static String otherIssuer() {
        return tokenFrom("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                "password", "admin"));
    }

    public static String tokenFrom(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(URL + "/realms/" + realm
                            + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused " + form.get("username") + ": " + r.body());
            }
            return JSON.readTree(r.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A genuine token of {@code username} from a client made for the test through the admin API: with
     * {@code audience} false it lacks carbon-api; with {@code lifespanSeconds} 1 it is expired a moment later.
     */
    public static String fromTestClient(String clientId, boolean audience, int lifespanSeconds, String username) {
        String admin = otherIssuer();
        String mappers = audience ? ",\"protocolMappers\":[{\"name\":\"carbon-api audience\",\"protocol\":\"openid-connect\","
                + "\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{\"included.custom.audience\":\"carbon-api\","
                + "\"access.token.claim\":\"true\"}}]" : "";
        String client = "{\"clientId\":\"" + clientId + "\",\"publicClient\":true,\"directAccessGrantsEnabled\":true,"
                + "\"standardFlowEnabled\":false,\"attributes\":{\"access.token.lifespan\":\"" + lifespanSeconds + "\"}"
                + mappers
                // without the realm's default scopes, which carry the carbon-api audience to every client
                + (audience ? "" : ",\"defaultClientScopes\":[\"basic\",\"roles\"]") + "}";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(URL + "/admin/realms/carbon/clients"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(client)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new IllegalStateException("cannot create test client " + clientId + ": " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return tokenFrom("carbon", Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", PASSWORD));
    }

    public static JsonNode payload(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with {@code alg=none} and no signature. */
    public static String unsigned(String token) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** The payload changed after signing (roles raised to the registry). */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"roles\":\\[[^]]*]", "\"roles\":[\"registry\"]");
        return parts[0] + "." + b64(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The same claims signed by a key nobody published, under an unknown kid. */
    public static String unknownKey(String token) {
        try {
            var keys = KeyPairGenerator.getInstance("RSA");
            keys.initialize(2048);
            var pair = keys.generateKeyPair();
            String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"forged-key\"}".getBytes(StandardCharsets.UTF_8));
            String signingInput = header + "." + token.split("\\.")[1];
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(pair.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
