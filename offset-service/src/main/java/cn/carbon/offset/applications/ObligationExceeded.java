package cn.carbon.offset.applications;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;

import java.util.List;
import java.util.Map;

/**
 * The problem {@code offset-exceeds-remaining-obligation} (422): the offset asked for is more than the entity still owes
 * for the year. Carries the figures as extension members of the problem ({@code rest/FigureProblems} writes them).
 */
public class ObligationExceeded extends ProblemException {

    private final Map<String, Object> figures;

    public ObligationExceeded(String detail, List<Problem.FieldError> errors, Map<String, Object> figures) {
        super(422, "offset-exceeds-remaining-obligation", "Offset exceeds the remaining obligation", detail, errors);
        this.figures = Map.copyOf(figures);
    }

    public Map<String, Object> figures() {
        return figures;
    }
}
