package cn.carbon.contracts.rulebook;

import static cn.carbon.contracts.rulebook.Converters.*;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A JSON object being read: remembers which fields were read so that the others can be reported. */
final class Obj {
    final Ctx ctx;
    final String path;
    final JsonNode node;
    final Set<String> seen = new LinkedHashSet<>();

    Obj(Ctx ctx, String path, JsonNode node) {
        this.ctx = ctx;
        this.path = path;
        this.node = node;
    }

    String child(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The field's node, or null when absent or JSON null. */
    JsonNode raw(String field) {
        seen.add(field);
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n;
    }

    JsonNode required(String field) {
        JsonNode n = raw(field);
        if (n == null) {
            ctx.error(child(field), "missing");
        }
        return n;
    }

    Obj obj(String field) {
        JsonNode n = required(field);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            ctx.error(child(field), "must be an object");
            return null;
        }
        return new Obj(ctx, child(field), n);
    }

    <T> T get(String field, Conv<T> conv) {
        JsonNode n = required(field);
        return n == null ? null : conv.convert(child(field), n);
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Marks every field as read (for maps whose keys are checked by the caller). */
    void allKeysSeen() {
        seen.addAll(keys());
    }

    void done() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!seen.contains(f)) {
                ctx.error(child(f), "unknown field");
            }
        }
    }
}
