package cn.carbon.offset.applications;

import cn.carbon.platform.web.ProblemException;

import java.util.List;

/**
 * The four-eyes rule of the offset chain (DESIGN.md, Identity and access), on the platform's rule
 * ({@link cn.carbon.platform.security.FourEyes}): nobody approves what they initiated — the applicant neither reviews
 * nor confirms — and the person who reviewed does not confirm. Persons are the tokens' principal names; roles are
 * checked separately. The database checks the same (offset_application).
 */
public final class FourEyes {

    public static final String PROBLEM = "four-eyes";

    private FourEyes() {
    }

    public static void requireMayReview(String reviewer, String applicant) {
        if (!cn.carbon.platform.security.FourEyes.allows(reviewer, List.of(applicant))) {
            throw refused(reviewer + " initiated this application and may not review it");
        }
    }

    public static void requireMayConfirm(String confirmer, String applicant, String reviewer) {
        if (!cn.carbon.platform.security.FourEyes.allows(confirmer, List.of(applicant))) {
            throw refused(confirmer + " initiated this application and may not confirm it");
        }
        if (!cn.carbon.platform.security.FourEyes.allows(confirmer, List.of(reviewer))) {
            throw refused(confirmer + " reviewed this application and may not also confirm it");
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(403, PROBLEM, "Four eyes", detail, List.of());
    }
}
