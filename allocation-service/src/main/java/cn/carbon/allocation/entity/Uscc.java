package cn.carbon.allocation.entity;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
 * (no I, O, S, V, Z); characters 3–8 are the registering administrative division; the last is a check character.
 */
public final class Uscc {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Uscc() {
    }

    /** Why {@code code} is not a valid USCC, or empty if it is. */
    public static Optional<String> problem(String code) {
        if (code == null || code.isBlank()) {
            return Optional.of("is required");
        }
        if (code.length() != 18) {
            return Optional.of("must be 18 characters, got " + code.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(code.charAt(i));
            if (value < 0) {
                return Optional.of("character " + (i + 1) + " '" + code.charAt(i) + "' is not allowed");
            }
            sum += value * WEIGHTS[i];
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of("characters 3-8 must be an administrative division code");
            }
        }
        char expected = ALPHABET.charAt((31 - sum % 31) % 31);
        if (code.charAt(17) != expected) {
            return Optional.of("check character is " + code.charAt(17) + ", expected " + expected);
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }
}
