package cn.carbon.offset.rulebook;

import cn.carbon.platform.web.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the offset settings of a rulebook (JSON). Every problem is reported with its path
 * ({@code ccerOffset.capShareOfObligation.value: must be > 0 and <= 1}), all at once; unknown fields are errors so
 * that a misspelt setting never silently falls back to nothing. Jackson tree model only (native-friendly).
 */
public final class RulebookParser {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern CYCLE = Pattern.compile("(\\d{4})-(\\d{4})");
    private static final Set<String> TOP = Set.of("rulebookId", "version", "cycle", "copiedFrom", "timeZone",
            "complianceYears", "ccerOffset", "deadlines");
    private static final Set<String> OFFSET = Set.of("capShareOfObligation", "capRounding", "eligibleFiledBefore",
            "usableUntil", "excludeProjectsInsideNationalEtsCoverage", "excludedProjectTypes",
            "firstCycleCancelledUnusedUsable", "applicationOpens", "applicationDeadline");
    private static final Set<String> VALUE = Set.of("value", "confirmed", "source", "note");
    private static final Set<String> DEADLINE = Set.of("value", "kind", "description", "confirmed", "source", "note");

    private RulebookParser() {
    }

    public static JsonNode tree(String json, String source) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RulebookInvalidException(source, List.of(Problem.FieldError.field("(file)",
                    "not valid JSON: " + e.getOriginalMessage())));
        }
    }

    public static OffsetRulebook parse(String json, String source) {
        return parse(tree(json, source), source);
    }

    public static OffsetRulebook parse(JsonNode root, String source) {
        Reader r = new Reader();
        OffsetRulebook rulebook = r.read(root);
        if (!r.errors.isEmpty()) {
            throw new RulebookInvalidException(source, r.errors);
        }
        return rulebook;
    }

    private static final class Reader {
        final List<Problem.FieldError> errors = new ArrayList<>();

        void error(String path, String message) {
            errors.add(Problem.FieldError.field(path, message));
        }

        OffsetRulebook read(JsonNode root) {
            if (root == null || !root.isObject()) {
                error("(file)", "must be a JSON object");
                return null;
            }
            unknown(root, "", TOP);
            String id = text(root, "rulebookId");
            Integer version = integer(root, "version");
            if (version != null && version < 1) {
                error("version", "must be 1 or more");
            }
            String cycle = text(root, "cycle");
            ZoneId zone = zone(root);
            List<Integer> years = years(root, cycle);

            Map<String, Deadline> deadlines = deadlines(root.get("deadlines"), zone);

            JsonNode offset = root.get("ccerOffset");
            if (offset == null || !offset.isObject()) {
                error("ccerOffset", "is required (an object)");
                return null;
            }
            unknown(offset, "ccerOffset", OFFSET);
            BigDecimal share = decimal(value(offset, "capShareOfObligation"), "ccerOffset.capShareOfObligation.value");
            if (share != null && (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0)) {
                error("ccerOffset.capShareOfObligation.value", "must be > 0 and <= 1");
            }
            RoundingMode rounding = rounding(value(offset, "capRounding"));
            LocalDate filedBefore = date(value(offset, "eligibleFiledBefore"), "ccerOffset.eligibleFiledBefore.value");
            Deadline usableUntil = deadlineRef(value(offset, "usableUntil"), "ccerOffset.usableUntil.value", deadlines,
                    Deadline.Kind.BY);
            Boolean excludeCovered = bool(value(offset, "excludeProjectsInsideNationalEtsCoverage"),
                    "ccerOffset.excludeProjectsInsideNationalEtsCoverage.value");
            Set<String> excludedTypes = strings(value(offset, "excludedProjectTypes"),
                    "ccerOffset.excludedProjectTypes.value");
            Boolean firstCycle = bool(value(offset, "firstCycleCancelledUnusedUsable"),
                    "ccerOffset.firstCycleCancelledUnusedUsable.value");
            Deadline opens = deadlineRef(value(offset, "applicationOpens"), "ccerOffset.applicationOpens.value",
                    deadlines, Deadline.Kind.AFTER);
            Deadline deadline = deadlineRef(value(offset, "applicationDeadline"), "ccerOffset.applicationDeadline.value",
                    deadlines, Deadline.Kind.BY);
            if (opens != null && deadline != null && !opens.date().isBefore(deadline.date())) {
                error("ccerOffset.applicationDeadline.value", "must fall after the day applications open");
            }
            if (!errors.isEmpty()) {
                return null;
            }
            return new OffsetRulebook(id, version, cycle, zone, years, share, rounding, filedBefore, usableUntil,
                    excludeCovered, excludedTypes, firstCycle, opens, deadline);
        }

        private ZoneId zone(JsonNode root) {
            String text = text(root, "timeZone");
            if (text == null) {
                return null;
            }
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                error("timeZone", "not a time zone id such as Asia/Shanghai");
                return null;
            }
        }

        private List<Integer> years(JsonNode root, String cycle) {
            JsonNode node = root.get("complianceYears");
            if (node == null || !node.isArray() || node.isEmpty()) {
                error("complianceYears", "is required (a non-empty array of years)");
                return null;
            }
            List<Integer> years = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).canConvertToInt() || !node.get(i).isIntegralNumber()) {
                    error("complianceYears[" + i + "]", "must be a year");
                } else {
                    years.add(node.get(i).intValue());
                }
            }
            if (cycle != null) {
                var m = CYCLE.matcher(cycle);
                if (!m.matches()) {
                    error("cycle", "must read like 2021-2022");
                } else if (years.size() == node.size() && (years.get(0) != Integer.parseInt(m.group(1))
                        || years.get(years.size() - 1) != Integer.parseInt(m.group(2)))) {
                    error("complianceYears", "must run from the cycle's first to its last year");
                }
            }
            for (int i = 1; i < years.size(); i++) {
                if (years.get(i) != years.get(i - 1) + 1) {
                    error("complianceYears", "must be consecutive years");
                    break;
                }
            }
            return years;
        }

        private Map<String, Deadline> deadlines(JsonNode node, ZoneId zone) {
            Map<String, Deadline> deadlines = new HashMap<>();
            if (node == null || !node.isObject()) {
                error("deadlines", "is required (an object)");
                return deadlines;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "deadlines." + e.getKey();
                JsonNode d = e.getValue();
                if (!d.isObject()) {
                    error(path, "must be an object {value, kind, description, confirmed, source}");
                    continue;
                }
                unknown(d, path, DEADLINE);
                provenance(d, path);
                LocalDate date = date(d.get("value"), path + ".value");
                Deadline.Kind kind = null;
                JsonNode k = d.get("kind");
                try {
                    kind = Deadline.Kind.valueOf(k == null ? "" : k.asText());
                } catch (IllegalArgumentException ex) {
                    error(path + ".kind", "must be BY or AFTER");
                }
                JsonNode description = d.get("description");
                if (date != null && kind != null && zone != null) {
                    deadlines.put(e.getKey(), new Deadline(e.getKey(), date, kind,
                            description == null ? "" : description.asText(), zone));
                }
            }
            return deadlines;
        }

        private Deadline deadlineRef(JsonNode value, String path, Map<String, Deadline> deadlines, Deadline.Kind kind) {
            if (value == null) {
                return null;
            }
            Deadline d = deadlines.get(value.asText());
            if (d == null) {
                error(path, "names no deadline of this rulebook: " + value.asText());
                return null;
            }
            if (d.kind() != kind) {
                error(path, "deadline " + d.key() + " must be of kind " + kind);
                return null;
            }
            return d;
        }

        /** The value of a {value, confirmed, source, note} setting, or null (with an error). */
        private JsonNode value(JsonNode parent, String field) {
            String path = "ccerOffset." + field;
            JsonNode node = parent.get(field);
            if (node == null || !node.isObject()) {
                error(path, "is required ({value, confirmed, source})");
                return null;
            }
            unknown(node, path, VALUE);
            provenance(node, path);
            JsonNode value = node.get("value");
            if (value == null || value.isNull()) {
                error(path + ".value", "is required");
                return null;
            }
            return value;
        }

        private void provenance(JsonNode node, String path) {
            JsonNode confirmed = node.get("confirmed");
            if (confirmed == null || !confirmed.isBoolean()) {
                error(path + ".confirmed", "is required (true or false)");
            }
            JsonNode source = node.get("source");
            if (source == null || !source.isTextual() || source.asText().isBlank()) {
                error(path + ".source", "is required (where the value comes from)");
            }
        }

        private BigDecimal decimal(JsonNode value, String path) {
            if (value == null) {
                return null;
            }
            if (!value.isNumber()) {
                error(path, "must be a number");
                return null;
            }
            return value.decimalValue();
        }

        private RoundingMode rounding(JsonNode value) {
            if (value == null) {
                return null;
            }
            try {
                RoundingMode mode = RoundingMode.valueOf(value.asText());
                if (mode == RoundingMode.UNNECESSARY) {
                    throw new IllegalArgumentException();
                }
                return mode;
            } catch (IllegalArgumentException e) {
                error("ccerOffset.capRounding.value", "must be a rounding mode such as DOWN or HALF_UP");
                return null;
            }
        }

        private LocalDate date(JsonNode value, String path) {
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value.asText());
            } catch (DateTimeException e) {
                error(path, "must be a date such as 2017-03-14");
                return null;
            }
        }

        private Boolean bool(JsonNode value, String path) {
            if (value == null) {
                return null;
            }
            if (!value.isBoolean()) {
                error(path, "must be true or false");
                return null;
            }
            return value.booleanValue();
        }

        private Set<String> strings(JsonNode value, String path) {
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                error(path, "must be an array of project types");
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode n : value) {
                if (!n.isTextual() || n.asText().isBlank()) {
                    error(path, "must hold non-empty strings");
                } else {
                    out.add(n.asText());
                }
            }
            return Set.copyOf(out);
        }

        private String text(JsonNode root, String field) {
            JsonNode n = root.get(field);
            if (n == null || !n.isTextual() || n.asText().isBlank()) {
                error(field, "is required (text)");
                return null;
            }
            return n.asText();
        }

        private Integer integer(JsonNode root, String field) {
            JsonNode n = root.get(field);
            if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
                error(field, "is required (a whole number)");
                return null;
            }
            return n.intValue();
        }

        private void unknown(JsonNode node, String path, Set<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) {
                    error(path.isEmpty() ? f : path + "." + f, "unknown field");
                }
            }
        }
    }
}
