package cn.carbon.surrender.certificates;

import cn.carbon.platform.metrics.SigningFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ed25519 certificate signatures, key rotation and unguessable ids, without the service. */
class CertificateSignerTest {

    /** A signing-failure counter of a registry of this test's own. */
    static final SigningFailures FAILURES = new SigningFailures(new SimpleMeterRegistry());


    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static CertificateSigner signer(String kid, KeyPair pair, List<String> previous) {
        return new CertificateSigner(kid, Optional.of(b64(pair.getPrivate().getEncoded())),
                Optional.of(b64(pair.getPublic().getEncoded())), Optional.of(previous), FAILURES);
    }

    @Test
    void aRotatedKeyStillVerifiesWhatItSignedAndTheKeyIdSaysWhich() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
        KeyPair first = gen.generateKeyPair();
        KeyPair second = gen.generateKeyPair();
        CertificateSigner before = signer("2026-01", first, List.of());
        String signed = before.sign("{\"certificateId\":\"LYZM-2022-X\"}");

        CertificateSigner after = signer("2026-07", second, List.of("2026-01=" + b64(first.getPublic().getEncoded())));
        assertThat(after.keyId()).isEqualTo("2026-07");
        assertThat(after.publicKeys().keySet()).containsExactly("2026-07", "2026-01");
        assertThat(after.verify("{\"certificateId\":\"LYZM-2022-X\"}", signed, "2026-01")).isTrue();
        assertThat(after.verify("{\"certificateId\":\"LYZM-2022-X\"}", signed, "2026-07")).isFalse();
        assertThat(after.verify("{\"certificateId\":\"LYZM-2022-Y\"}", signed, "2026-01")).isFalse();
        assertThat(after.verify("{\"certificateId\":\"LYZM-2022-X\"}", signed, "unknown")).isFalse();
        String resigned = after.sign("{\"certificateId\":\"LYZM-2022-X\"}");
        assertThat(after.verify("{\"certificateId\":\"LYZM-2022-X\"}", resigned, "2026-07")).isTrue();
    }

    @Test
    void aPublicKeyOfAnotherPairIsRefusedAtStart() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
        KeyPair one = gen.generateKeyPair();
        KeyPair other = gen.generateKeyPair();
        assertThatThrownBy(() -> new CertificateSigner("k", Optional.of(b64(one.getPrivate().getEncoded())),
                Optional.of(b64(other.getPublic().getEncoded())), Optional.empty(), FAILURES))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not match");
    }

    @Test
    void idsAreRandomNotNumbered() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = CertificateIds.next(2022);
            assertThat(id).matches(CertificateIds.PATTERN);
            ids.add(id.substring("LYZM-2022-".length()));
        }
        assertThat(ids).hasSize(10_000);
        assertThat(ids).noneMatch(s -> s.matches("0+\\d{1,6}"));
    }
}
