package cn.carbon.testing;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.RulebookPublished;
import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.RulebookLoader;
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

    /** Each compliance year's RulebookPublished event of {@code document}, as allocation-service publishes them. */
    public static java.util.List<EventEnvelope> rulebookPublished(JsonNode document, String publishedBy) {
        Rulebook rb = RulebookLoader.fromTree(document, "test document");
        return rb.complianceYears().stream().map(year -> EventEnvelope.of(RulebookPublished.TYPE, "allocation-service",
                RulebookPublished.key(rb.id(), year), rb.cycle(), KafkaTestClient.json().valueToTree(
                        new RulebookPublished(rb.id(), rb.cycle(), rb.version(), rb.sector(), year, document,
                                publishedBy, Instant.now())))).toList();
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
