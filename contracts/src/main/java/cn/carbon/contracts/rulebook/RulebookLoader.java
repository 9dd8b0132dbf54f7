package cn.carbon.contracts.rulebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses and validates a rulebook file (JSON, see {@code rulebooks/CN-ETS-2021-2022-power.json}). Every problem is
 * reported with the path of the field ({@code corrections.cooling.factors.AIR.value: must be > 0 (was -1.05)});
 * all problems of a file are reported at once, in a {@link RulebookValidationException}. Unknown fields are errors,
 * so that a misspelt field never silently falls back to nothing.
 *
 * <p>Uses the Jackson tree model only (no reflection), so it stays native-friendly.
 */
public final class RulebookLoader {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();


    private RulebookLoader() {
    }

    /** Loads and validates the rulebook at {@code resource} on the classpath. */
    public static Rulebook fromClasspath(String resource) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null || cl.getResource(resource) == null) {
            cl = RulebookLoader.class.getClassLoader();
        }
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no rulebook on the classpath at " + resource);
            }
            return parse(in.readAllBytes(), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rulebook " + resource, e);
        }
    }

    public static Rulebook parse(String json, String sourceName) {
        return parse(json.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    public static Rulebook parse(byte[] json, String sourceName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RulebookValidationException(sourceName, List.of(new RulebookValidationException.FieldError(
                    "(file)", "not valid JSON: " + e.getOriginalMessage() + locationOf(e))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromTree(root, sourceName);
    }

    /** Validates an already parsed JSON tree (e.g. the body of a PUT). */
    public static Rulebook fromTree(JsonNode root, String sourceName) {
        Ctx ctx = new Ctx();
        if (root == null || !root.isObject()) {
            ctx.error("(file)", "must be a JSON object");
            throw new RulebookValidationException(sourceName, ctx.errors);
        }
        Rulebook rb = new RulebookReader(ctx, new Obj(ctx, "", root)).read();
        if (!ctx.errors.isEmpty()) {
            throw new RulebookValidationException(sourceName, ctx.errors);
        }
        return rb;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

}
