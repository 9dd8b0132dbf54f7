package cn.carbon.contracts.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rulebooks shipped as data in {@code carbon/rulebooks/} (listed in its {@code SHIPPED} file): the only files of
 * rules in the platform. allocation-service stores and publishes them; the other services receive them over Kafka.
 */
public final class ShippedRulebooks {

    public static final String FOLDER = "carbon/rulebooks/";
    /** The 2021-2022 power-sector cycle of the notice of 2023-07-14. */
    public static final String POWER_2021_2022 = FOLDER + "CN-ETS-2021-2022-power.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ShippedRulebooks() {
    }

    /** Classpath resources of the shipped rulebooks, in the order of the index. */
    public static List<String> resources() {
        return new String(read(FOLDER + "SHIPPED"), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> FOLDER + l).toList();
    }

    /** The raw bytes of a shipped rulebook. */
    public static byte[] bytes(String resource) {
        return read(resource);
    }

    /** Each shipped rulebook, validated. */
    public static List<Rulebook> rulebooks() {
        return resources().stream().map(RulebookLoader::fromClasspath).toList();
    }

    /** Each shipped rulebook as a JSON document (validated first). */
    public static List<JsonNode> documents() {
        return resources().stream().map(r -> {
            RulebookLoader.fromClasspath(r);
            return (JsonNode) tree(r);
        }).toList();
    }

    /** The 2021-2022 power-sector rulebook. */
    public static Rulebook power2021To2022() {
        return RulebookLoader.fromClasspath(POWER_2021_2022);
    }

    /** A shipped file as a mutable JSON tree. */
    public static ObjectNode tree(String resource) {
        try {
            return (ObjectNode) MAPPER.readTree(read(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 2021-2022 power-sector file as a mutable JSON tree. */
    public static ObjectNode tree() {
        return tree(POWER_2021_2022);
    }

    /** The 2021-2022 power-sector file with {@code edit} applied, loaded through the real loader (a new version). */
    public static Rulebook variant(Consumer<ObjectNode> edit) {
        ObjectNode json = tree();
        edit.accept(json);
        return RulebookLoader.parse(json.toString(), "variant of " + POWER_2021_2022);
    }

    /** The 2021-2022 power-sector file with one setting changed. */
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

    private static byte[] read(String resource) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null || cl.getResource(resource) == null) {
            cl = ShippedRulebooks.class.getClassLoader();
        }
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no shipped rulebook resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
