package cn.carbon.surrender.certificates;

import cn.carbon.platform.metrics.SigningFailures;
import io.micrometer.core.instrument.Counter;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs certificate payloads with HMAC-SHA256 under the key of {@code surrender.certificates.signing-key} (from a
 * secret in production), named by {@code surrender.certificates.key-id} so that a rotated key can be told apart.
 */
// created at start: its signing-failure counter is scraped at 0 from the first scrape
@Startup
@ApplicationScoped
public class CertificateSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final String keyId;
    private final SecretKeySpec key;
    private final Counter failed;

    public CertificateSigner(@ConfigProperty(name = "surrender.certificates.key-id") String keyId,
                             @ConfigProperty(name = "surrender.certificates.signing-key") String signingKey,
                             SigningFailures failures) {
        this.failed = failures.of("certificate");
        byte[] bytes = signingKey.startsWith("base64:") ? Base64.getDecoder().decode(signingKey.substring(7))
                : signingKey.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("surrender.certificates.signing-key must have at least 32 bytes");
        }
        this.keyId = keyId;
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    public String keyId() {
        return keyId;
    }

    public String sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            failed.increment();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is this key's signature of {@code payload} (compared in constant time). */
    public boolean verify(String payload, String signature, String signedWithKeyId) {
        if (signature == null || !keyId.equals(signedWithKeyId)) {
            return false;
        }
        return MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
