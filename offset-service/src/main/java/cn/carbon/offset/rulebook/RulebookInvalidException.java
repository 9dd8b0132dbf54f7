package cn.carbon.offset.rulebook;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;

import java.util.List;

/** A rulebook file or body that cannot be used; names every bad field by its path. */
public class RulebookInvalidException extends ProblemException {

    public RulebookInvalidException(String source, List<Problem.FieldError> errors) {
        super(422, "rulebook-invalid", "Rulebook invalid", source + ": " + errors.size() + " invalid field(s): "
                + errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
    }
}
