package cn.carbon.surrender.ledger;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;

import java.util.List;

/** The named problems of the ledger's commands (type = problems/<slug>), each naming its field. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException unprocessable(String slug, String title, String field, String message) {
        return new ProblemException(422, slug, title, field + ": " + message,
                List.of(Problem.FieldError.field(field, message)));
    }

    public static ProblemException conflict(String slug, String title, String field, String message) {
        return new ProblemException(409, slug, title, field + ": " + message,
                List.of(Problem.FieldError.field(field, message)));
    }

    public static ProblemException unknownVintage(String field, String vintage) {
        return unprocessable("unknown-vintage", "Unknown vintage", field, "no rulebook knows vintage " + vintage);
    }
}
