package cn.carbon.allocation.rest;

import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The {@code lateReason} of an allocation-stage command: from {@code ?lateReason=} or a JSON body
 * {@code {"lateReason": "…"}} (the body may be empty; the query parameter wins when both are given).
 */
final class LateReasons {

    private LateReasons() {
    }

    static String of(String query, InputStream body, ObjectMapper json) {
        String fromBody = null;
        JsonNode root = read(body, json);
        if (root != null) {
            if (!root.isObject()) {
                throw ProblemException.invalid("body", "must be a JSON object such as {\"lateReason\": \"…\"}");
            }
            JsonNode n = root.get("lateReason");
            if (n != null && !n.isNull()) {
                if (!n.isTextual()) {
                    throw ProblemException.invalid("lateReason", "must be a string");
                }
                fromBody = n.asText();
            }
        }
        return query != null && !query.isBlank() ? query : fromBody;
    }

    /** The body's JSON; null when there is no body. */
    static JsonNode read(InputStream body, ObjectMapper json) {
        try {
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return null;
            }
            return json.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.invalid("body", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
