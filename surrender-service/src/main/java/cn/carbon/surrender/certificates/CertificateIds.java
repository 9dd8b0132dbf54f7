package cn.carbon.surrender.certificates;

import java.security.SecureRandom;

/**
 * Certificate ids nobody can walk: {@code LYZM-<year>-} and 16 random characters of Crockford's base32 (80 bits), so
 * that anonymous verification answers only someone who already holds the certificate.
 */
public final class CertificateIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String PATTERN = "LYZM-\\d{4}-[0-9A-HJKMNP-TV-Z]{16}";

    private CertificateIds() {
    }

    public static String next(int complianceYear) {
        StringBuilder id = new StringBuilder("LYZM-").append(complianceYear).append('-');
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
