package cn.carbon.allocation.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Test access to the shipped rulebook file, loaded from the classpath: as is, or with one edit (a variant of the
 * real file, never a hand-built rulebook).
 */
public final class ShippedRulebook {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShippedRulebook() {
    }

    public static Rulebook load() {
        return RulebookLoader.fromClasspath(RulebookLoader.SHIPPED_2021_2022_POWER);
    }

    /** The shipped file as a mutable JSON tree. */
    public static ObjectNode json() {
        try (InputStream in = ShippedRulebook.class.getClassLoader()
                .getResourceAsStream(RulebookLoader.SHIPPED_2021_2022_POWER)) {
            if (in == null) {
                throw new IllegalStateException("shipped rulebook not on the test classpath");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped file with {@code edit} applied, loaded through the real loader. */
    public static Rulebook variant(Consumer<ObjectNode> edit) {
        ObjectNode json = json();
        edit.accept(json);
        return RulebookLoader.parse(json.toString(), "variant of " + RulebookLoader.SHIPPED_2021_2022_POWER);
    }

    /** The shipped file with one setting changed. */
    public static Rulebook withSetting(String setting, String value) {
        return variant(j -> ((ObjectNode) j.at("/settings/" + setting)).put("value", value));
    }

    /** The object at a JSON pointer of the tree, e.g. {@code /benchmarks/2021/GAS}. */
    public static ObjectNode at(JsonNode root, String pointer) {
        JsonNode n = root.at(pointer);
        if (!n.isObject()) {
            throw new IllegalArgumentException("no object at " + pointer);
        }
        return (ObjectNode) n;
    }
}
