package cn.carbon.surrender.certificates;

import cn.carbon.platform.metrics.SigningFailures;
import io.micrometer.core.instrument.Counter;
import cn.carbon.platform.security.SigningKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs certificate payloads with Ed25519 under the registry's current key ({@code surrender.certificates.signing-key},
 * PKCS#8, and its {@code public-key}, X.509, both base64, from the Secret), named by {@code key-id}. The public keys,
 * the current one and those of earlier keys ({@code previous-public-keys}: {@code keyId=base64,...}), are published,
 * so that anyone can check a certificate offline and a rotated key still verifies what it signed.
 * The dev and test profiles without a key make one at start (certificates then verify until the service stops).
 */
// created at start: its signing-failure counter is scraped at 0 from the first scrape
@Startup
@ApplicationScoped
public class CertificateSigner {

    public static final String ALGORITHM = "Ed25519";
    private static final Logger LOG = Logger.getLogger(CertificateSigner.class);

    private final String keyId;
    private final PrivateKey key;
    /** by key id, the current key first */
    private final Map<String, PublicKey> publicKeys = new LinkedHashMap<>();
    private final Counter failed;

    public CertificateSigner(@ConfigProperty(name = "surrender.certificates.key-id") String keyId,
                             @ConfigProperty(name = "surrender.certificates.signing-key") Optional<String> signingKey,
                             @ConfigProperty(name = "surrender.certificates.public-key") Optional<String> publicKey,
                             @ConfigProperty(name = "surrender.certificates.previous-public-keys")
                             Optional<List<String>> previous, SigningFailures failures) {
        this.failed = failures.of("certificate");
        Optional<String> configured = SigningKeys.require("surrender.certificates.signing-key", signingKey, java.util.Set.of());
        try {
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            if (configured.isPresent()) {
                this.keyId = keyId;
                this.key = keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(configured.get())));
                PublicKey pub = keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey
                        .orElseThrow(() -> new IllegalStateException("surrender.certificates.public-key is not set")))));
                publicKeys.put(keyId, pub);
            } else {
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                this.key = pair.getPrivate();
                this.keyId = keyId + "-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(pair.getPublic().getEncoded()), 0, 4);
                publicKeys.put(this.keyId, pair.getPublic());
                LOG.infof("no certificate signing key configured (local profile): signing with key %s made at start",
                        this.keyId);
            }
            for (String entry : previous.orElse(List.of())) {
                int eq = entry.indexOf('=');
                if (eq < 1) {
                    throw new IllegalStateException("surrender.certificates.previous-public-keys: keyId=base64 expected");
                }
                publicKeys.putIfAbsent(entry.substring(0, eq).strip(), keys.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(entry.substring(eq + 1).strip()))));
            }
            if (!verify("pair check", sign("pair check"), this.keyId)) {
                throw new IllegalStateException("surrender.certificates.public-key does not match the signing key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("surrender.certificates: unreadable key: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** Every key that may have signed a certificate, by id (X.509 SubjectPublicKeyInfo), the current one first. */
    public Map<String, PublicKey> publicKeys() {
        return Collections.unmodifiableMap(publicKeys);
    }

    public String sign(String payload) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            failed.increment();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is the signature of {@code payload} by the published key {@code signedWithKeyId}. */
    public boolean verify(String payload, String signature, String signedWithKeyId) {
        PublicKey pub = signedWithKeyId == null ? null : publicKeys.get(signedWithKeyId);
        if (signature == null || pub == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(pub);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
