package cn.carbon.contracts;

import cn.carbon.contracts.rulebook.ShippedRulebooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event a service publishes, built from its contract record, serialised as the services serialise it (Quarkus's
 * mapper: dates as ISO strings) and validated against its topic's JSON schema. The schemas close every object
 * ({@code additionalProperties: false}) and require every non-null field, and the record's components are compared with
 * the schema's properties, so that a field added to, removed from or renamed in a record or a schema alone fails here.
 */
class ContractSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String USCC = "91320000MA1XY2K34N";
    private static final String CYCLE = "2021-2022";
    private static final Instant AT = Instant.parse("2023-12-04T01:02:03Z");

    /** The data record of each topic. */
    private static final Map<String, Class<? extends Record>> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put(Topics.ENTITIES, EntityEvent.class);
        RECORDS.put(Topics.ALLOCATIONS, AllocationInstruction.class);
        RECORDS.put(Topics.OBLIGATIONS, ObligationEvent.class);
        RECORDS.put(Topics.BORROWING, BorrowingEvent.class);
        RECORDS.put(Topics.LEDGER, LedgerEvent.class);
        RECORDS.put(Topics.COMPLIANCE, ComplianceEvent.class);
        RECORDS.put(Topics.OFFSETS, OffsetEvent.class);
        RECORDS.put(Topics.RISK_ALERTS, RiskAlertEvent.class);
        RECORDS.put(Topics.NET_PURCHASE_REPORTS, NetPurchaseReportEvent.class);
        RECORDS.put(Topics.EXCHANGE_NET_PURCHASES, NetPurchaseEvent.class);
        RECORDS.put(Topics.CARRY_OVER, CarryOverStatement.class);
        RECORDS.put(Topics.RULEBOOKS, RulebookPublished.class);
        RECORDS.put(Topics.AUDIT_ANCHORS, AuditAnchor.class);
    }

    /** One sample of every event type of every topic, as its producer publishes it. */
    static Map<String, List<EventEnvelope>> samples() {
        Map<String, List<EventEnvelope>> s = new LinkedHashMap<>();
        EntityEvent entity = new EntityEvent(USCC, "江苏某电厂 Jiangsu Power", "320000", "POWER", "OPERATING");
        s.put(Topics.ENTITIES, List.of(
                envelope(EntityEvent.REGISTERED, "allocation-service", USCC, null, entity),
                envelope(EntityEvent.STATUS_CHANGED, "allocation-service", USCC, null,
                        new EntityEvent(USCC, "江苏某电厂 Jiangsu Power", "320000", "POWER", "DISSOLVED"))));
        AllocationInstruction issue = new AllocationInstruction(UUID.randomUUID().toString(), USCC, "320000", CYCLE, 2021,
                "2021", 575_260, AllocationInstruction.ENTITY_ACCOUNT, "PRE_ALLOCATION", "CN-ETS-2021-2022-power", 1);
        AllocationInstruction clawBack = new AllocationInstruction(UUID.randomUUID().toString(), USCC, "320000", CYCLE, 2022,
                "2022", 12_000, AllocationInstruction.PROVINCIAL_CUSTODY, "VERIFICATION", "CN-ETS-2021-2022-power", 2);
        s.put(Topics.ALLOCATIONS, List.of(
                envelope(AllocationInstruction.ISSUE, "allocation-service", USCC, CYCLE, issue),
                envelope(AllocationInstruction.CLAW_BACK, "allocation-service", USCC, CYCLE, clawBack)));
        s.put(Topics.OBLIGATIONS, List.of(envelope(ObligationEvent.SET, "allocation-service", USCC, CYCLE,
                new ObligationEvent(USCC, "320000", CYCLE, 2021, 900_000, false, "OPERATING", "CN-ETS-2021-2022-power", 1))));
        s.put(Topics.BORROWING, List.of(envelope(BorrowingEvent.APPROVED, "allocation-service", USCC, CYCLE,
                new BorrowingEvent(UUID.randomUUID().toString(), USCC, "320000", CYCLE, 2021, 60_000, "2023",
                        "province.320000"))));
        s.put(Topics.LEDGER, List.of(
                envelope(LedgerEvent.POSTED, "surrender-service", USCC, CYCLE, new LedgerEvent("1042", "SURRENDER", USCC,
                        "320000", 2021, List.of(new LedgerEvent.Line("ENTITY_HOLDING:" + USCC, "SURRENDER", "2021", 600)),
                        List.of(new LedgerEvent.Balance("2021", 400, 0, 0), new LedgerEvent.Balance("2023", 0, 100, 0)))),
                // a settlement belongs to no compliance year
                envelope(LedgerEvent.POSTED, "surrender-service", USCC, null, new LedgerEvent("1043", "SETTLEMENT", USCC,
                        "320000", null, List.of(new LedgerEvent.Line("ENTITY_HOLDING:" + USCC, "ENTITY_HOLDING:other",
                        "2021", 300)), List.of(new LedgerEvent.Balance("2021", 100, 0, 0))))));
        s.put(Topics.COMPLIANCE, List.of(
                envelope(ComplianceEvent.CHANGED, "surrender-service", USCC, CYCLE, new ComplianceEvent(USCC, "320000",
                        CYCLE, 2021, 1000, 900, 50, 50, 0, 0, "COMPLIANT", AT, "LYZM-2021-000001")),
                envelope(ComplianceEvent.SHORTFALL, "surrender-service", USCC, CYCLE, new ComplianceEvent(USCC, "320000",
                        CYCLE, 2022, 1000, 100, 0, 0, 900, 900, "OVERDUE", null, null))));
        s.put(Topics.CARRY_OVER, List.of(envelope(CarryOverStatement.CHANGED, "allocation-service", USCC, CYCLE,
                new CarryOverStatement(USCC, "320000", CYCLE, "2023", 2, 60_000, List.of(
                        new CarryOverStatement.Line("BORROWING_REPAYMENT", 2021, "2023", 60_000, "OWED",
                                "borrowing:b-1", AT, null, null),
                        new CarryOverStatement.Line("SHORTFALL", 2022, "2023", 900, "CANCELLED",
                                "compliance-event:e-1", AT, AT, "late compliance after the deadline (COMPLIANT_LATE)"))))));
        s.put(Topics.RULEBOOKS, List.of(envelope(RulebookPublished.TYPE, "allocation-service",
                RulebookPublished.key("CN-ETS-2021-2022-power", 2021), CYCLE, new RulebookPublished(
                        "CN-ETS-2021-2022-power", CYCLE, 1, "power", 2021, ShippedRulebooks.documents().get(0),
                        "shipped", AT))));
        s.put(Topics.AUDIT_ANCHORS, List.of(envelope(AuditAnchor.ANCHORED, "surrender-service", "surrender-service", null,
                new AuditAnchor("surrender-service", 1042, "ab".repeat(32), AT))));
        s.put(Topics.OFFSETS, List.of(envelope(OffsetEvent.CONFIRMED, "offset-service", USCC, CYCLE,
                new OffsetEvent(UUID.randomUUID().toString(), USCC, "320000", CYCLE, 2022, 6_000,
                        List.of(new OffsetEvent.LotUse("LOT-1", "CCER-001", 5_000, OffsetEvent.OLD_CCER),
                                new OffsetEvent.LotUse("LOT-2", "CCER-R-2025-001", 1_000, OffsetEvent.NEW_CCER)),
                        "registry.approver"))));
        s.put(Topics.RISK_ALERTS, List.of(envelope(RiskAlertEvent.RAISED, "risk-service", USCC, CYCLE,
                new RiskAlertEvent(UUID.randomUUID().toString(), USCC, "320000", CYCLE, 2021, 78, "HIGH", "LOW",
                        Map.of("remainingGap", 1.0, "timeLeft", 0.4), AT))));
        s.put(Topics.NET_PURCHASE_REPORTS, List.of(envelope(NetPurchaseReportEvent.PUBLISHED, "risk-service", "320000",
                CYCLE, new NetPurchaseReportEvent("320000", CYCLE, LocalDate.of(2023, 12, 4), LocalDate.of(2023, 12, 10),
                        List.of(new NetPurchaseReportEvent.Row(USCC, 1000, 3000, -2000, 5000, 12_000))))));
        s.put(Topics.EXCHANGE_NET_PURCHASES, List.of(envelope(NetPurchaseEvent.REPORTED, "exchange", USCC, null,
                new NetPurchaseEvent("feed-2023-49", USCC, LocalDate.of(2023, 12, 4), LocalDate.of(2023, 12, 10), 1000,
                        300, 3))));
        return s;
    }

    @Test
    void everyTopicOfTheCatalogueHasASchemaARecordAndSamples() {
        assertThat(RECORDS.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        for (String topic : Topics.ALL) {
            assertThat(schemaNode(topic).path("$id").asText()).as(topic).isEqualTo(topic);
        }
    }

    @Test
    void everySampleEventIsValidAgainstItsTopicsSchema() throws Exception {
        for (Map.Entry<String, List<EventEnvelope>> topic : samples().entrySet()) {
            JsonSchema schema = schema(topic.getKey());
            Set<String> types = new LinkedHashSet<>();
            for (EventEnvelope event : topic.getValue()) {
                JsonNode serialised = JSON.readTree(JSON.writeValueAsString(event));
                assertThat(messages(schema.validate(serialised))).as("%s %s", topic.getKey(), event.type()).isEmpty();
                // and what a consumer reads back is the record that was sent
                EventEnvelope read = JSON.readValue(JSON.writeValueAsString(event), EventEnvelope.class);
                assertThat(JSON.treeToValue(read.data(), RECORDS.get(topic.getKey())))
                        .isEqualTo(JSON.treeToValue(event.data(), RECORDS.get(topic.getKey())));
                types.add(event.type());
            }
            // each event type the schema allows has a sample, and no other
            List<String> allowed = new ArrayList<>();
            schemaNode(topic.getKey()).path("properties").path("type").path("enum").forEach(t -> allowed.add(t.asText()));
            assertThat(types).as(topic.getKey()).containsExactlyInAnyOrderElementsOf(allowed);
        }
    }

    @Test
    void everySampleIsValidInAnAnnualCycleAndNoneInAMalformedOne() throws Exception {
        for (Map.Entry<String, List<EventEnvelope>> topic : samples().entrySet()) {
            JsonSchema schema = schema(topic.getKey());
            for (EventEnvelope event : topic.getValue()) {
                if (event.cycle() == null || !event.cycle().matches("\\d{4}-\\d{4}")) {
                    continue;
                }
                // from 2023 compliance is annual: the envelope and any cycle in the data may be one year
                String json = JSON.writeValueAsString(event).replace("\"" + event.cycle() + "\"", "\"2023\"");
                assertThat(messages(schema.validate(JSON.readTree(json)))).as("%s %s in 2023", topic.getKey(),
                        event.type()).isEmpty();
                String malformed = JSON.writeValueAsString(event).replace("\"" + event.cycle() + "\"", "\"2023-24\"");
                assertThat(messages(schema.validate(JSON.readTree(malformed)))).as("%s %s in 2023-24",
                        topic.getKey(), event.type()).isNotEmpty();
            }
        }
    }

    @Test
    void eachRecordsFieldsAreExactlyItsSchemasFields() {
        for (Map.Entry<String, Class<? extends Record>> topic : RECORDS.entrySet()) {
            JsonNode data = schemaNode(topic.getKey()).path("properties").path("data");
            assertSameFields(topic.getKey(), topic.getValue(), data);
            for (RecordComponent c : topic.getValue().getRecordComponents()) {
                JsonNode items = data.path("properties").path(c.getName()).path("items");
                if (!items.isMissingNode() && items.has("properties")) {
                    Class<?> element = (Class<?>) ((java.lang.reflect.ParameterizedType) c.getGenericType())
                            .getActualTypeArguments()[0];
                    assertSameFields(topic.getKey() + " " + c.getName() + "[]", element.asSubclass(Record.class), items);
                }
            }
        }
    }

    @Test
    void theValidatorRefusesDrift() throws Exception {
        JsonSchema schema = schema(Topics.ALLOCATIONS);
        ObjectNode valid = (ObjectNode) JSON.readTree(JSON.writeValueAsString(samples().get(Topics.ALLOCATIONS).get(0)));
        assertThat(messages(schema.validate(valid))).isEmpty();

        ObjectNode renamed = valid.deepCopy();
        ObjectNode data = (ObjectNode) renamed.get("data");
        data.set("quantity", data.remove("quantityT"));
        assertThat(messages(schema.validate(renamed))).anyMatch(m -> m.contains("quantityT"))
                .anyMatch(m -> m.contains("quantity"));

        ObjectNode wrongType = valid.deepCopy();
        ((ObjectNode) wrongType.get("data")).put("quantityT", "575260");
        assertThat(messages(schema.validate(wrongType))).isNotEmpty();

        ObjectNode notAUscc = valid.deepCopy();
        notAUscc.put("subject", "not-a-uscc");
        assertThat(messages(schema.validate(notAUscc))).isNotEmpty();
    }

    private static void assertSameFields(String what, Class<? extends Record> record, JsonNode objectSchema) {
        List<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
        List<String> properties = new ArrayList<>();
        objectSchema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).as("%s: schema properties vs %s", what, record.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(components);
        assertThat(objectSchema.path("additionalProperties").asBoolean(true)).as("%s is closed", what).isFalse();
        // a primitive component can never be null: the schema must require it
        List<String> required = new ArrayList<>();
        objectSchema.path("required").forEach(r -> required.add(r.asText()));
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getType().isPrimitive()) {
                assertThat(required).as("%s requires %s", what, c.getName()).contains(c.getName());
            }
        }
    }

    private static EventEnvelope envelope(String type, String source, String subject, String cycle, Object data) {
        return new EventEnvelope(UUID.randomUUID(), type, source, AT, subject, cycle, JSON.valueToTree(data));
    }

    private static JsonNode schemaNode(String topic) {
        try (InputStream in = ContractSchemasTest.class.getResourceAsStream("/carbon/schemas/" + topic + ".json")) {
            assertThat(in).as("schema of %s", topic).isNotNull();
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonSchema schema(String topic) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        // the schemas' $id is the topic name, relative to where the schema lives
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                SchemaLocation.of("classpath:carbon/schemas/" + topic + ".json"), schemaNode(topic), config);
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).toList();
    }
}
