package cn.carbon.platform.security;

import cn.carbon.platform.web.ProblemException;

import java.util.List;
import java.util.Locale;

/**
 * The four-eyes rule: whoever initiated a request (an application, an entrustment, a review) can never be the one
 * who approves it. Used wherever a second party decides: borrowing, relief, offsets, forced surrender, late
 * compliance.
 */
public final class FourEyes {

    private FourEyes() {
    }

    /** Whether {@code approver} may decide what {@code initiators} started (names compared case-insensitively). */
    public static boolean allows(String approver, List<String> initiators) {
        if (approver == null || approver.isBlank()) {
            return false;
        }
        String who = approver.toLowerCase(Locale.ROOT);
        return initiators.stream().filter(i -> i != null).noneMatch(i -> i.toLowerCase(Locale.ROOT).equals(who));
    }

    /** Throws a 403 problem {@code four-eyes} unless {@link #allows}. */
    public static void require(String approver, String what, String... initiators) {
        if (!allows(approver, List.of(initiators))) {
            throw new ProblemException(403, "four-eyes", "Four eyes",
                    approver + " took part in " + what + " and cannot also approve it", List.of());
        }
    }
}
