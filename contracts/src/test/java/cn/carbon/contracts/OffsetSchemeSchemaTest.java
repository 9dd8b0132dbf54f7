package cn.carbon.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The CCER scheme of each lot of a confirmed offset (carbon.offsets.v1): old events without it read as old CCER. */
class OffsetSchemeSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String USCC = "91320000MA1XY2K34N";

    @Test
    void eachLotNamesItsSchemeAndAnEventWithoutItIsOldCcer() throws Exception {
        ObjectNode event = event(new OffsetEvent.LotUse("LOT-9", "CCER-R-2025-009", 800, OffsetEvent.NEW_CCER));
        assertThat(messages(event)).isEmpty();
        assertThat(event.at("/data/lots/0/scheme").asText()).isEqualTo("NEW_CCER");

        ObjectNode older = event.deepCopy();
        ((ObjectNode) older.at("/data/lots/0")).remove("scheme");
        assertThat(messages(older)).as("published before the new scheme").isEmpty();
        assertThat(JSON.treeToValue(older.get("data"), OffsetEvent.class).lots().get(0).scheme()).isEqualTo("OLD_CCER");

        ObjectNode wrong = event.deepCopy();
        ((ObjectNode) wrong.at("/data/lots/0")).put("scheme", "CDM");
        assertThat(messages(wrong)).anyMatch(m -> m.contains("scheme"));
    }

    private static ObjectNode event(OffsetEvent.LotUse use) {
        OffsetEvent data = new OffsetEvent(UUID.randomUUID().toString(), USCC, "320000", "2024", 2024, use.quantityT(),
                List.of(use), "registry.approver");
        return JSON.valueToTree(new EventEnvelope(UUID.randomUUID(), OffsetEvent.CONFIRMED, "offset-service",
                Instant.parse("2025-04-01T02:00:00Z"), USCC, "2024", JSON.valueToTree(data)));
    }

    private static List<String> messages(JsonNode event) throws Exception {
        try (InputStream in = OffsetSchemeSchemaTest.class.getResourceAsStream("/carbon/schemas/" + Topics.OFFSETS + ".json")) {
            JsonNode node = JSON.readTree(in);
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(SchemaLocation.of("classpath:carbon/schemas/" + Topics.OFFSETS + ".json"), node);
            return schema.validate(event).stream().map(ValidationMessage::getMessage).toList();
        }
    }
}
