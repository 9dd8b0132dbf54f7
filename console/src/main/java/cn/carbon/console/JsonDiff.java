package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two versions of a rulebook: every leaf of the two JSON documents by its path
 * ({@code benchmarks.COAL_ABOVE_300MW.value}, {@code complianceYears[0]}), added, removed or changed with the old and
 * the new value. An empty object or array is a leaf of its own, so emptying a list shows as a change, not as silence.
 */
public final class JsonDiff {

    private JsonDiff() {
    }

    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One difference; {@code before} null for an added path, {@code after} null for a removed one (JSON text). */
    public record Change(String path, Kind kind, String before, String after) {
    }

    public static List<Change> between(JsonNode before, JsonNode after) {
        Map<String, JsonNode> old = leaves(before);
        Map<String, JsonNode> now = leaves(after);
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            JsonNode a = old.get(path);
            JsonNode b = now.get(path);
            if (a == null) {
                changes.add(new Change(path, Kind.ADDED, null, text(b)));
            } else if (b == null) {
                changes.add(new Change(path, Kind.REMOVED, text(a), null));
            } else if (!same(a, b)) {
                changes.add(new Change(path, Kind.CHANGED, text(a), text(b)));
            }
        }
        return changes;
    }

    /** Every leaf by its path; a missing document (null) has none. */
    static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        if (node != null && !node.isMissingNode()) {
            walk("", node, leaves);
        }
        return leaves;
    }

    private static void walk(String path, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(f -> walk(path.isEmpty() ? f.getKey() : path + "." + f.getKey(),
                    f.getValue(), leaves));
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(path.isEmpty() ? "$" : path, node);
        }
    }

    // 1 and 1.0 are one number in a rulebook; otherwise JSON equality
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
