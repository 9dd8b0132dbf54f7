package cn.carbon.allocation.approval;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * A decision on an application: APPROVE (for the requested quantity, or less) or REJECT, with a note.
 *
 * @param quantityT the approved quantity; null: as requested
 */
public record Decision(String decision, Long quantityT, String note) {

    public static final int MAX_NOTE = 2000;

    public boolean approves() {
        return "APPROVE".equals(decision);
    }

    /** Checks the decision against the requested quantity; returns the approved quantity (0 for a rejection). */
    public long approvedOf(long requestedT) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
            errors.add(Problem.FieldError.field("decision", "must be APPROVE or REJECT"));
        }
        if (quantityT != null && (quantityT <= 0 || quantityT > requestedT)) {
            errors.add(Problem.FieldError.field("quantityT", "must be within [1, " + requestedT + "] (the requested quantity)"));
        }
        if (note != null && note.length() > MAX_NOTE) {
            errors.add(Problem.FieldError.field("note", "at most " + MAX_NOTE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return approves() ? (quantityT == null ? requestedT : quantityT) : 0;
    }
}
