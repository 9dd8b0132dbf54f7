package cn.carbon.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signed access tokens for every role of DESIGN.md, shaped like the realm's (realm_access.roles, province_code,
 * entity_id, aud carbon-api), and the broken ones every service must refuse.
 */
public final class Tokens {

    public static final String AUDIENCE = "carbon-api";

    private Tokens() {
    }

    public static String registry() {
        return token("registry.officer", "registry", Map.of());
    }

    /** A second registry officer, for four-eyes rules. */
    public static String registryApprover() {
        return token("registry.approver", "registry", Map.of());
    }

    public static String ministry() {
        return token("ministry.officer", "ministry", Map.of());
    }

    public static String exchange() {
        return token("exchange.operator", "exchange", Map.of());
    }

    public static String province(String provinceCode) {
        return token("province." + provinceCode, "province", Map.of("province_code", provinceCode));
    }

    /** Another officer of the same province, for four-eyes rules. */
    public static String provinceReviewer(String provinceCode) {
        return token("province." + provinceCode + ".reviewer", "province", Map.of("province_code", provinceCode));
    }

    public static String entity(String uscc) {
        return token("entity." + uscc, "entity", Map.of("entity_id", uscc));
    }

    public static String token(String user, String role, Map<String, String> claims) {
        return sign(claims(user, role, claims));
    }

    public static String expired(String role) {
        long now = System.currentTimeMillis() / 1000;
        return sign(claims("late." + role, role, Map.of()).issuedAt(now - 7200).expiresAt(now - 3600));
    }

    public static String wrongIssuer(String role) {
        return sign(claims("other." + role, role, Map.of()).issuer("https://elsewhere.example/realms/carbon"));
    }

    public static String wrongAudience(String role) {
        return sign(claims("other." + role, role, Map.of()).audience("some-other-api"));
    }

    /** {@code alg=none}: a token anyone could write. */
    public static String unsigned(String role) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = token("forger", role, Map.of()).split("\\.")[1];
        return header + "." + payload + ".";
    }

    /** Signed by a key the issuer never published. */
    public static String unknownKey(String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims("forger", role, Map.of()).jws().keyId("unknown-key").sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine token whose payload was changed afterwards (subject and role raised to the registry). */
    public static String tampered(String role) {
        String[] parts = token("tamperer", role, Map.of()).split("\\.");
        String forged = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("tamperer", "registry.officer").replace("\"" + role + "\"", "\"registry\""));
        return parts[0] + "." + forged + "." + parts[2];
    }

    private static JwtClaimsBuilder claims(String user, String role, Map<String, String> extra) {
        long now = System.currentTimeMillis() / 1000;
        JwtClaimsBuilder builder = Jwt.issuer(OidcTestIssuer.get().issuer())
                .subject(user)
                .preferredUserName(user)
                .audience(AUDIENCE)
                .issuedAt(now)
                .expiresAt(now + 300)
                .claim("realm_access", Map.of("roles", List.of(role)));
        extra.forEach(builder::claim);
        return builder;
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(OidcTestIssuer.KEY_ID).sign(OidcTestIssuer.get().keys().getPrivate());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
