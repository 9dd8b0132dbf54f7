package cn.carbon.offset.applications;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The shape of an application's body: every bad field named at once (400), before anything is locked. */
final class ApplyValidation {

    private ApplyValidation() {
    }

    static void validate(OffsetApplications.Apply cmd) {
        if (cmd == null) {
            throw ProblemException.invalid("body", "an application is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (cmd.cycle() == null || cmd.cycle().isBlank()) {
            errors.add(Problem.FieldError.field("cycle", "is required, e.g. 2021-2022"));
        }
        if (cmd.complianceYear() == null) {
            errors.add(Problem.FieldError.field("complianceYear", "is required"));
        }
        if (cmd.lots() == null || cmd.lots().isEmpty()) {
            errors.add(Problem.FieldError.field("lots", "at least one lot is required"));
        } else {
            if (cmd.lots().size() > 200) {
                errors.add(Problem.FieldError.field("lots", "at most 200 lots"));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < cmd.lots().size(); i++) {
                OffsetApplications.Line line = cmd.lots().get(i);
                if (line == null || line.lotId() == null || line.lotId().isBlank()) {
                    errors.add(Problem.FieldError.field("lots[" + i + "].lotId", "is required"));
                } else if (!seen.add(line.lotId())) {
                    errors.add(Problem.FieldError.field("lots[" + i + "].lotId", "lot " + line.lotId() + " appears twice"));
                }
                if (line != null && (line.quantityT() == null || line.quantityT() <= 0)) {
                    errors.add(Problem.FieldError.field("lots[" + i + "].quantityT",
                            "must be a whole number of tonnes above 0"));
                }
                if (line != null && line.firstCycleEvidence() != null && line.firstCycleEvidence().length() > 2000) {
                    errors.add(Problem.FieldError.field("lots[" + i + "].firstCycleEvidence", "at most 2000 characters"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        total(cmd);
    }

    static long total(OffsetApplications.Apply cmd) {
        try {
            return cmd.lots().stream().mapToLong(OffsetApplications.Line::quantityT).reduce(0, Math::addExact);
        } catch (ArithmeticException e) {
            throw ProblemException.invalid("lots", "the quantities add up to more than a whole number can hold");
        }
    }
}
