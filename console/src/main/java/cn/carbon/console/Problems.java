package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code application/problem+json} as people read it: a sentence in their language chosen by the problem's
 * type, the service's own detail below it, and each bad row or field of an upload with the column's name in words.
 */
public final class Problems {

    private static final String TYPE_BASE = "https://carbon.example/problems/";

    private Problems() {
    }

    /** One bad cell of an upload or one bad field of a form; {@code row} null for a field. */
    public record Cell(Integer row, String field, String column, String message) {
    }

    public record Shown(int status, String slug, String message, String detail, List<Cell> cells) {

        /** Whether the problem is about rows of an upload (else about fields of a form). */
        public boolean rows() {
            return cells.stream().anyMatch(c -> c.row() != null);
        }
    }

    public static Shown read(int status, JsonNode problem, Map<String, String> words) {
        String type = problem.path("type").asText("");
        String slug = type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : statusSlug(status);
        String message = words.get("problem." + slug);
        if (message == null) {
            message = words.getOrDefault("problem.status." + status, words.getOrDefault("problem.other", slug));
        }
        List<Cell> cells = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            String field = error.path("field").asText("");
            Integer row = error.hasNonNull("row") ? error.path("row").asInt() : null;
            cells.add(new Cell(row, field, words.getOrDefault("col." + field, words.getOrDefault("col." + name(field), field)),
                    error.path("message").asText("")));
        }
        return new Shown(status, slug, message, problem.path("detail").asText(""), cells);
    }

    /** The form field a service's field names: {@code lines[0].quantityT} is the line's {@code quantityT}. */
    static String name(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }

    /**
     * The form fields a problem is about, each with its message, for {@code aria-invalid} and the message beside the
     * field: the fields the problem lists, else the field its type is about ({@link #FIELD_OF}).
     */
    public static Map<String, String> fields(Shown problem) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (Cell cell : problem.cells()) {
            if (cell.row() == null) {
                // a whole-body field ("lines") is put at the form field the problem's type is about
                String name = name(cell.field());
                String field = name.equals("lines") ? FIELD_OF.getOrDefault(problem.slug(), name) : name;
                fields.putIfAbsent(field, cell.message().isBlank() ? problem.message() : cell.message());
            }
        }
        if (fields.isEmpty() && FIELD_OF.containsKey(problem.slug())) {
            fields.put(FIELD_OF.get(problem.slug()), problem.message());
        }
        return fields;
    }

    /** Problems of a command that name no field in {@code errors} but are plainly about one. */
    static final Map<String, String> FIELD_OF = Map.ofEntries(
            Map.entry("insufficient-holdings", "quantityT"), Map.entry("exceeds-remaining-obligation", "quantityT"),
            Map.entry("unknown-vintage", "vintage"), Map.entry("vintage-not-eligible", "vintage"),
            Map.entry("borrowed-units-not-available", "vintage"), Map.entry("obligation-not-set", "complianceYear"),
            Map.entry("year-exempt", "complianceYear"), Map.entry("late-compliance-not-confirmed", "complianceYear"),
            Map.entry("borrowing-above-ceiling", "quantityT"), Map.entry("borrowing-refused", "complianceYear"),
            Map.entry("four-eyes", "decision"), Map.entry("entity-exists", "uscc"),
            Map.entry("relief-exists", "complianceYear"), Map.entry("not-verified", "complianceYear"),
            Map.entry("entity-dissolved", "status"));

    private static String statusSlug(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 429 -> "too-many-requests";
            case 502 -> "upstream-unavailable";
            case 504 -> "upstream-timeout";
            default -> "status-" + status;
        };
    }
}
