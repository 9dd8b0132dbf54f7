package cn.carbon.testing;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.RulebookPublished;
import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** Events as their producing service would publish them, for consumers' tests. */
public final class TestEvents {

    private TestEvents() {
    }

    public static EventEnvelope entityRegistered(String uscc, String provinceCode) {
        return EventEnvelope.of(EntityEvent.REGISTERED, "allocation-service", uscc, null,
                KafkaTestClient.json().valueToTree(new EntityEvent(uscc, "Entity " + uscc, provinceCode, "POWER", "OPERATING")));
    }

    /**
     * Each compliance year's RulebookPublished event of {@code document}, as allocation-service publishes them. The
     * document is not validated here, so that a test can publish an invalid one as a faulty producer would.
     */
    public static java.util.List<EventEnvelope> rulebookPublished(JsonNode document, String publishedBy) {
        String id = document.path("id").asText();
        String cycle = document.path("cycle").asText();
        java.util.List<EventEnvelope> events = new java.util.ArrayList<>();
        for (JsonNode y : document.path("complianceYears")) {
            events.add(EventEnvelope.of(RulebookPublished.TYPE, "allocation-service", RulebookPublished.key(id, y.asInt()),
                    cycle, KafkaTestClient.json().valueToTree(new RulebookPublished(id, cycle,
                            document.path("version").asInt(), document.path("sector").asText(), y.asInt(), document,
                            publishedBy, Instant.now()))));
        }
        return events;
    }

    /** Publishes every shipped rulebook on carbon.rulebooks.v1, as allocation-service does at its first start. */
    public static void publishShippedRulebooks() {
        for (JsonNode document : ShippedRulebooks.documents()) {
            for (EventEnvelope e : rulebookPublished(document, "shipped")) {
                KafkaTestClient.send(Topics.RULEBOOKS, e);
            }
        }
    }
}
