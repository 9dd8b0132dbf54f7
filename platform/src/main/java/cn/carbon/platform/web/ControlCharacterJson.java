package cn.carbon.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * HTTP request bodies: every string (typed fields, free-form maps and trees alike) is refused when it carries a
 * control character other than tab and line breaks, with the field's path, before any service code sees it.
 * Only the server's JSON reader uses this mapper (a copy of the application's, with the check added): the shared
 * {@link ObjectMapper} stays plain, so an event, a stored document or an outbox row with a control character is read
 * as it was written and never dead-lettered for it. Code that parses a request body itself uses {@link #mapper()}.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Singleton
public class ControlCharacterJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper bodies;

    public ControlCharacterJson(ObjectMapper shared) {
        this.bodies = withCheck(shared.copy());
    }

    /** The mapper of request bodies. */
    public ObjectMapper mapper() {
        return bodies;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return bodies;
    }

    /** Adds the check to {@code mapper} (which is then only fit for reading what a caller sent). */
    public static ObjectMapper withCheck(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("carbon-control-characters");
        module.addDeserializer(String.class, new Strings());
        module.addDeserializer(Object.class, new Untyped());
        module.addDeserializer(JsonNode.class, new Tree());
        return mapper.registerModule(module);
    }

    /** A string with a control character; {@link ProblemMappers} names its field. */
    public static class ControlCharacterException extends MismatchedInputException {
        ControlCharacterException(JsonParser p) {
            super(p, ControlCharacters.MESSAGE, String.class);
        }
    }

    static final class Strings extends StdDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (ControlCharacters.inBody(value)) {
                throw new ControlCharacterException(p);
            }
            return value;
        }
    }

    static final class Untyped extends StdDeserializer<Object> {
        /** Jackson's own reader of free-form values, unresolved: maps, lists, strings, numbers as usual. */
        private static final UntypedObjectDeserializer PLAIN = new UntypedObjectDeserializer(null, null);

        Untyped() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = PLAIN.deserialize(p, ctxt);
            check(value, p);
            return value;
        }

        private static void check(Object value, JsonParser p) throws ControlCharacterException {
            if (value instanceof String s && ControlCharacters.inBody(s)) {
                throw new ControlCharacterException(p);
            }
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    try {
                        if (ControlCharacters.inBody(String.valueOf(e.getKey()))) {
                            throw new ControlCharacterException(p);
                        }
                        check(e.getValue(), p);
                    } catch (ControlCharacterException x) {
                        x.prependPath(map, String.valueOf(e.getKey()));
                        throw x;
                    }
                }
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    try {
                        check(list.get(i), p);
                    } catch (ControlCharacterException x) {
                        x.prependPath(list, i);
                        throw x;
                    }
                }
            }
        }
    }

    static final class Tree extends StdDeserializer<JsonNode> {
        Tree() {
            super(JsonNode.class);
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonDeserializer<JsonNode> trees = (JsonDeserializer<JsonNode>) (JsonDeserializer<?>) JsonNodeDeserializer.getDeserializer(JsonNode.class);
            JsonNode node = trees.deserialize(p, ctxt);
            check(node, p);
            return node;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }

        private static void check(JsonNode node, JsonParser p) throws ControlCharacterException {
            if (node.isTextual() && ControlCharacters.inBody(node.textValue())) {
                throw new ControlCharacterException(p);
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    try {
                        if (ControlCharacters.inBody(e.getKey())) {
                            throw new ControlCharacterException(p);
                        }
                        check(e.getValue(), p);
                    } catch (ControlCharacterException x) {
                        x.prependPath(node, e.getKey());
                        throw x;
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    try {
                        check(node.get(i), p);
                    } catch (ControlCharacterException x) {
                        x.prependPath(node, i);
                        throw x;
                    }
                }
            }
        }
    }
}
