package cn.carbon.testing.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's signing keys, made once in {@code .carbon/keys} and kept across runs (so that what was signed
 * still verifies): the services run there as they would in a deployment, with keys of their own, never the defaults.
 * Prints them as {@code NAME=value} lines for {@code ./carbon} to pass on as environment variables.
 */
public final class LocalKeys {

    private LocalKeys() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Path file = dir.resolve("keys.env");
        if (!Files.exists(file)) {
            KeyPair certificate = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("CERTIFICATE_KEY_ID", "local-" + System.currentTimeMillis() / 1000);
            keys.put("CERTIFICATE_SIGNING_KEY", Base64.getEncoder().encodeToString(certificate.getPrivate().getEncoded()));
            keys.put("CERTIFICATE_PUBLIC_KEY", Base64.getEncoder().encodeToString(certificate.getPublic().getEncoded()));
            keys.put("CARBON_NOTICE_SIGNING_KEY", random());
            keys.put("CARBON_AUDIT_CHAIN_KEY", random());
            StringBuilder out = new StringBuilder();
            keys.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            Path tmp = dir.resolve("keys.env.tmp");
            Files.writeString(tmp, out);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, file);
        }
        System.out.print(Files.readString(file));
    }

    private static String random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
