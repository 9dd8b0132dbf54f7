package cn.carbon.offset.rulebook;

import cn.carbon.contracts.rulebook.ShippedRulebooks;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The offset part of the shipped rulebook, as is or with one edit (a variant of the real file, never hand-built). */
public final class ShippedRulebook {

    private ShippedRulebook() {
    }

    public static OffsetRulebook get() {
        return OffsetRulebook.of(ShippedRulebooks.power2021To2022());
    }

    /** The shipped rulebook with {@code edit} applied to its JSON, read through the one loader. */
    public static OffsetRulebook with(Consumer<ObjectNode> edit) {
        return OffsetRulebook.of(ShippedRulebooks.variant(edit));
    }

    /** The shipped rulebook with the value at {@code pointer} (a {value, confirmed, source} object) replaced. */
    public static OffsetRulebook withValue(String pointer, Object value) {
        return with(j -> ShippedRulebooks.at(j, pointer).putPOJO("value", value));
    }

    /**
     * The shipped document moved by {@code years} (every year and date in it, the id and the cycle too), as
     * {@code version}: the rules of another cycle, for tests that need one of their own.
     */
    public static ObjectNode shifted(int years, int version) {
        Matcher m = Pattern.compile("(?<![\\d.])(20[0-3]\\d)(?![\\d.])").matcher(ShippedRulebooks.tree().toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, String.valueOf(Integer.parseInt(m.group(1)) + years));
        }
        m.appendTail(out);
        try {
            ObjectNode doc = (ObjectNode) KafkaTestClient.json().readTree(out.toString());
            doc.put("version", version);
            return doc;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes {@code document} as allocation-service would, and waits until this service applies it. */
    public static void publish(ObjectNode document) {
        String cycle = document.get("cycle").asText();
        int version = document.get("version").asInt();
        TestEvents.rulebookPublished(document, "registry.test").forEach(e -> KafkaTestClient.send(Topics.RULEBOOKS, e));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = given().auth().oauth2(Tokens.registry()).get("/api/offsets/cycles/" + cycle + "/rulebook");
            return r.statusCode() == 200 && r.jsonPath().getInt("version") == version;
        });
    }
}
