package cn.carbon.contracts.rulebook;

import java.util.List;
import java.util.stream.Collectors;

/** A rulebook file that cannot be loaded; every error names the field ({@code benchmarks.2021.GAS.supply}). */
public class RulebookValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One problem: the field's path in the file and what is wrong with it. */
    public record FieldError(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final String sourceName;
    private final List<FieldError> errors;

    public RulebookValidationException(String sourceName, List<FieldError> errors) {
        super("rulebook " + sourceName + " is invalid (" + errors.size() + (errors.size() == 1 ? " error" : " errors")
                + "):" + errors.stream().map(e -> "\n - " + e).collect(Collectors.joining()));
        this.sourceName = sourceName;
        this.errors = List.copyOf(errors);
    }

    public String sourceName() {
        return sourceName;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
