package cn.carbon.contracts.rulebook;

import java.util.ArrayList;
import java.util.List;

/** Errors and the values read so far. */
final class Ctx {
    final List<RulebookValidationException.FieldError> errors = new ArrayList<>();
    final List<RuleValue<?>> values = new ArrayList<>();

    void error(String path, String message) {
        errors.add(new RulebookValidationException.FieldError(path, message));
    }
}
