package cn.carbon.allocation.entity;

import java.util.Set;

/** The 31 provincial-level divisions of the mainland covered by the national market (GB/T 2260, six digits). */
public final class ProvinceCodes {

    private static final Set<String> PREFIXES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
            "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63",
            "64", "65");

    private ProvinceCodes() {
    }

    public static boolean isProvince(String code) {
        return code != null && code.matches("\\d{2}0000") && PREFIXES.contains(code.substring(0, 2));
    }

    public static Set<String> prefixes() {
        return PREFIXES;
    }
}
