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
}
