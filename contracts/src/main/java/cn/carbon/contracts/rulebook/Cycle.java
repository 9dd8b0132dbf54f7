package cn.carbon.contracts.rulebook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cycle's name: two years (2021-2022, one deadline for both) or, from 2023, one compliance year (2023). */
public final class Cycle {

    static final Pattern NAME = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");

    private Cycle() {
    }

    public static boolean isName(String cycle) {
        return cycle != null && NAME.matcher(cycle).matches();
    }

    /** Whether {@code year} lies within the cycle named {@code cycle}; false for a malformed name. */
    public static boolean contains(String cycle, int year) {
        if (!isName(cycle)) {
            return false;
        }
        Matcher m = NAME.matcher(cycle);
        m.matches();
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        return year >= first && year <= last;
    }
}
