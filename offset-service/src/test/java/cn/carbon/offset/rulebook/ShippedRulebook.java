package cn.carbon.offset.rulebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The offset rulebook shipped with the service, for plain unit tests. */
public final class ShippedRulebook {

    public static final String RESOURCE = "rulebook/2021-2022.json";

    private ShippedRulebook() {
    }

    public static String json() {
        try (InputStream in = ShippedRulebook.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OffsetRulebook get() {
        return RulebookParser.parse(json(), RESOURCE);
    }

    /** The shipped rulebook with one text replaced (a quick way to another reading). */
    public static OffsetRulebook with(String from, String to) {
        String json = json();
        if (!json.contains(from)) {
            throw new IllegalArgumentException("the shipped rulebook has no " + from);
        }
        return RulebookParser.parse(json.replace(from, to), "variant");
    }
}
