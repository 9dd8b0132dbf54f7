package cn.carbon.bench.season.data;

/**
 * Unified social credit codes (GB 32100-2015) that pass every check a registry makes: "91" (an enterprise registered
 * with the market regulator), the six-digit administrative division, a nine-character organisation code whose last
 * character is its GB 11714 check character, and the USCC check character over the first seventeen.
 */
public final class Uscc {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private Uscc() {
    }

    /**
     * @param division six digits (GB/T 2260)
     * @param orgBody  eight characters of the USCC alphabet: the organisation code without its check character
     */
    public static String of(String division, String orgBody) {
        if (!division.matches("\\d{6}") || orgBody.length() != 8) {
            throw new IllegalArgumentException(division + " " + orgBody);
        }
        String body = "91" + division + orgBody + orgCheck(orgBody);
        return body + check(body);
    }

    /** GB 11714: 11 − Σ cᵢwᵢ mod 11, where 10 is X and 11 is 0; letters count 10 (A) to 35 (Z). */
    static char orgCheck(String orgBody) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = orgBody.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * ORG_WEIGHTS[i];
        }
        int c9 = 11 - sum % 11;
        return c9 == 10 ? 'X' : c9 == 11 ? '0' : (char) ('0' + c9);
    }

    static char check(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not a USCC character: " + first17.charAt(i));
            }
            sum += v * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** The registry's own check (the same as allocation-service's), for the tests. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return false;
            }
        }
        return check(code.substring(0, 17)) == code.charAt(17)
                && orgCheck(code.substring(8, 16)) == code.charAt(16);
    }
}
