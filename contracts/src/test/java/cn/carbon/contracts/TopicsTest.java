package cn.carbon.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void javaConstantsNameExactlyTheCatalogue() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/carbon/topics.json")) {
            List<String> catalogue = new ArrayList<>();
            json.readTree(in).get("topics").forEach(t -> catalogue.add(t.get("name").asText()));
            assertThat(Topics.ALL).containsExactlyInAnyOrderElementsOf(catalogue);
        }
    }

    @Test
    void deadLetterTopicIsPerConsumer() {
        assertThat(Topics.deadLetter(Topics.ENTITIES, "surrender-service"))
                .isEqualTo("carbon.entities.v1.surrender-service.dlq");
    }

    @Test
    void envelopeRoundTripsThroughJson() throws Exception {
        EventEnvelope sent = EventEnvelope.of(EntityEvent.REGISTERED, "allocation-service", "91110000MA0000011M", null,
                json.valueToTree(new EntityEvent("91110000MA0000011M", "Demo", "110000", "POWER", "OPERATING")));
        EventEnvelope read = json.readValue(json.writeValueAsString(sent), EventEnvelope.class);
        assertThat(read).isEqualTo(sent);
        assertThat(json.treeToValue(read.data(), EntityEvent.class).provinceCode()).isEqualTo("110000");
    }

    @Test
    void envelopeRefusesMissingId() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EventEnvelope(null, "t", "s",
                java.time.Instant.now(), "x", null, json.createObjectNode())).hasMessageContaining("id");
    }
}
