package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateExtension;

/** Numbers as people read them in the pages: whole tonnes with thousands separators. */
@TemplateExtension
public final class Formats {

    private Formats() {
    }

    /** {@code {y.path('obligationT').thousands}}: 1,234,567; a missing or null value is a dash. */
    static String thousands(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "—";
        }
        return value.isIntegralNumber() ? String.format("%,d", value.asLong()) : value.asText();
    }

    /** {@code {row.obligationT.grouped}}: a figure the console computed, 1,234,567; null is a dash. */
    static String grouped(Long value) {
        return value == null ? "—" : String.format("%,d", value);
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"));

    /** {@code {l.path('postedAt').when}}: an instant as Beijing time to the minute; a missing one a dash. */
    static String when(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return "—";
        }
        try {
            return WHEN.format(java.time.Instant.parse(value.asText()));
        } catch (java.time.format.DateTimeParseException e) {
            return value.asText();
        }
    }

    /** A ledger account's label {@code ENTITY_HOLDING/<uscc>}: its kind, to look up in words. */
    static String accountKind(JsonNode label) {
        String text = label == null ? "" : label.asText("");
        return text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
    }

    /** A ledger account's label: the entity it belongs to, empty for a national account. */
    static String accountUscc(JsonNode label) {
        String text = label == null ? "" : label.asText("");
        return text.contains("/") ? text.substring(text.indexOf('/') + 1) : "";
    }

    /** A unit of the allocation detail: its verified computation when there is one, else its pre-allocation. */
    static JsonNode computation(JsonNode unit) {
        JsonNode verified = unit.path("verification");
        return verified.isObject() ? verified : unit.path("preAllocation");
    }
}
