package cn.carbon.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A small, real OpenID provider for tests: it serves discovery and a JWKS over HTTP on loopback, and its RSA key signs
 * the tokens of {@link Tokens}. quarkus-oidc fetches the keys and verifies signature, issuer, audience and expiry as it
 * would against Keycloak.
 */
public final class OidcTestIssuer {

    public static final String KEY_ID = "carbon-test-key-1";
    private static OidcTestIssuer instance;

    private final KeyPair keys;
    private final HttpServer http;
    private final String issuer;

    private OidcTestIssuer() throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/carbon";
        String discovery = """
                {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",
                 "token_endpoint":"%1$s/protocol/openid-connect/token",
                 "authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                 "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer);
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        String jwks = """
                {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}]}"""
                .formatted(KEY_ID, b64(pub.getModulus()), b64(pub.getPublicExponent()));
        serve("/realms/carbon/.well-known/openid-configuration", discovery);
        serve("/realms/carbon/protocol/openid-connect/certs", jwks);
        http.start();
    }

    public static synchronized OidcTestIssuer get() {
        if (instance == null) {
            try {
                instance = new OidcTestIssuer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String issuer() {
        return issuer;
    }

    public KeyPair keys() {
        return keys;
    }

    private void serve(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
