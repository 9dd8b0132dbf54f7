package cn.carbon.risk.feeds;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code application/json}: either an array of rows or {@code {"rows": [...]}}; a row is
 * {@code {"uscc", "weekStart", "weekEnd", "boughtT", "soldT"}}. Parsed token by token: one row in memory at a time.
 */
public final class JsonFeedReader implements FeedReader {

    private static final Set<String> FIELDS = Set.of("uscc", "weekStart", "weekEnd", "boughtT", "soldT");

    private final JsonParser parser;
    private final ObjectMapper json;
    private boolean started;
    private boolean done;
    private int rowNo;

    public JsonFeedReader(InputStream in, ObjectMapper json) throws IOException {
        this.json = json;
        this.parser = json.getFactory().createParser(in);
    }

    private void start() throws IOException {
        started = true;
        JsonToken first = token();
        if (first == JsonToken.START_ARRAY) {
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            throw FeedProblems.malformed("the body must be a JSON array of rows or an object with \"rows\"");
        }
        while (true) {
            JsonToken t = token();
            if (t == JsonToken.END_OBJECT || t == null) {
                throw FeedProblems.malformed("the JSON object has no \"rows\" array");
            }
            String name = parser.currentName();
            JsonToken value = token();
            if ("rows".equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw FeedProblems.malformed("\"rows\" must be an array");
                }
                return;
            }
            parser.skipChildren();
        }
    }

    @Override
    public FeedRow next() throws IOException {
        if (!started) {
            start();
        }
        if (done) {
            return null;
        }
        JsonToken t = token();
        if (t == JsonToken.END_ARRAY) {
            done = true;
            return null;
        }
        rowNo++;
        if (t != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return FeedRow.malformed(rowNo, "a row must be a JSON object");
        }
        JsonNode row;
        try {
            row = json.readTree(parser);
        } catch (JsonProcessingException e) {
            throw FeedProblems.malformed("row " + rowNo + " is not valid JSON: " + e.getOriginalMessage());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                return FeedRow.malformed(rowNo, "unknown field " + name + " (a row has " + String.join(", ", FIELDS) + ")");
            }
        }
        return new FeedRow(rowNo, text(row, "uscc"), text(row, "weekStart"), text(row, "weekEnd"), text(row, "boughtT"),
                text(row, "soldT"), null);
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    private JsonToken token() throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw FeedProblems.malformed("not valid JSON: " + e.getOriginalMessage());
        }
    }
}
