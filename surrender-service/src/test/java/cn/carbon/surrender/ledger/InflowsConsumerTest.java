package cn.carbon.surrender.ledger;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.BorrowingEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.LedgerEvent;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.OffsetEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** carbon.allocations/obligations/borrowing/offsets.v1 into the ledger: once each, poison to the DLQs. */
@QuarkusTest
class InflowsConsumerTest {

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    static EventEnvelope allocation(String type, String instructionId, String uscc, String destination, int year,
                                    String vintage, long q) {
        return EventEnvelope.of(type, "allocation-service", uscc, "2021-2022", KafkaTestClient.json().valueToTree(
                new AllocationInstruction(instructionId, uscc, "320000", "2021-2022", year, vintage, q, destination,
                        "VERIFICATION", "CN-ETS-2021-2022-power", 1)));
    }

    private String announced() {
        String uscc = TestUscc.next("320000");
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(uscc, "320000"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                fixture.count("select count(*) from account where uscc = ?1", uscc) == 2);
        return uscc;
    }

    @Test
    void anIssueThatOvertakesTheEntitysRegistrationOpensItsAccounts() {
        String uscc = TestUscc.next("320000");
        KafkaTestClient.send(Topics.ALLOCATIONS, allocation(AllocationInstruction.ISSUE, UUID.randomUUID().toString(), uscc,
                AllocationInstruction.ENTITY_ACCOUNT, 2021, "2021", 400));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.held(uscc, "2021") == 400);
        given().auth().oauth2(Tokens.province("320000")).get("/api/surrender/accounts/" + uscc).then().statusCode(200)
                .body("provinceCode", equalTo("320000"));
        // the registration arriving afterwards completes the entity and keeps the holdings
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(uscc, "320000"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.registry())
                .get("/api/surrender/accounts/" + uscc).then().body("name", equalTo("Entity " + uscc)));
        assertThat(fixture.held(uscc, "2021")).isEqualTo(400);
        assertThat(fixture.count("select count(*) from account where uscc = ?1", uscc)).isEqualTo(2);
    }

    @Test
    void issuesClawBacksBorrowingObligationsAndOffsetsEachTakeEffectOnce() {
        String uscc = announced();
        String instruction = UUID.randomUUID().toString();
        EventEnvelope issue = allocation(AllocationInstruction.ISSUE, instruction, uscc, AllocationInstruction.ENTITY_ACCOUNT,
                2021, "2021", 1000);
        KafkaTestClient.send(Topics.ALLOCATIONS, issue);
        KafkaTestClient.send(Topics.ALLOCATIONS, issue); // the same event redelivered
        // the same instruction republished under a new event id
        KafkaTestClient.send(Topics.ALLOCATIONS, allocation(AllocationInstruction.ISSUE, instruction, uscc,
                AllocationInstruction.ENTITY_ACCOUNT, 2021, "2021", 1000));
        KafkaTestClient.send(Topics.ALLOCATIONS, allocation(AllocationInstruction.ISSUE, UUID.randomUUID().toString(), uscc,
                AllocationInstruction.PROVINCIAL_CUSTODY, 2022, "2022", 700));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.balance(uscc, "PROVINCIAL_CUSTODY", "2022") == 700);
        assertThat(fixture.held(uscc, "2021")).isEqualTo(1000);

        KafkaTestClient.send(Topics.OBLIGATIONS, EventEnvelope.of(ObligationEvent.SET, "allocation-service", uscc, "2021-2022",
                KafkaTestClient.json().valueToTree(new ObligationEvent(uscc, "320000", "2021-2022", 2021, 2000, false,
                        "OPERATING", "CN-ETS-2021-2022-power", 1))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                fixture.count("select count(*) from compliance_record where uscc = ?1 and obligation_t = 2000", uscc) == 1);

        // a claw-back larger than the balance: takes the 1000 there, adds 500 to the 2021 obligation
        KafkaTestClient.send(Topics.ALLOCATIONS, allocation(AllocationInstruction.CLAW_BACK, UUID.randomUUID().toString(),
                uscc, AllocationInstruction.ENTITY_ACCOUNT, 2021, "2021", 1500));
        BorrowingEvent borrowing = new BorrowingEvent(UUID.randomUUID().toString(), uscc, "320000", "2021-2022", 2021, 300,
                "2023", "province.320000");
        EventEnvelope borrowed = EventEnvelope.of(BorrowingEvent.APPROVED, "allocation-service", uscc, "2021-2022",
                KafkaTestClient.json().valueToTree(borrowing));
        KafkaTestClient.send(Topics.BORROWING, borrowed);
        KafkaTestClient.send(Topics.BORROWING, EventEnvelope.of(BorrowingEvent.APPROVED, "allocation-service", uscc,
                "2021-2022", KafkaTestClient.json().valueToTree(borrowing)));
        OffsetEvent offset = new OffsetEvent(UUID.randomUUID().toString(), uscc, "320000", "2021-2022", 2021, 100,
                List.of(new OffsetEvent.LotUse("LOT-1", "CCER-001", 100)), "registry.officer");
        KafkaTestClient.send(Topics.OFFSETS, EventEnvelope.of(OffsetEvent.CONFIRMED, "offset-service", uscc, "2021-2022",
                KafkaTestClient.json().valueToTree(offset)));
        KafkaTestClient.send(Topics.OFFSETS, EventEnvelope.of(OffsetEvent.CONFIRMED, "offset-service", uscc, "2021-2022",
                KafkaTestClient.json().valueToTree(offset)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                fixture.count("select count(*) from ledger_transaction where uscc = ?1", uscc) == 5);

        assertThat(fixture.held(uscc, "2021")).isZero();
        assertThat(fixture.held(uscc, "2023")).isEqualTo(300);
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/compliance/" + uscc).then().statusCode(200)
                .body("years[0].obligationT", equalTo(2000))
                .body("years[0].obligationAddedT", equalTo(500))
                .body("years[0].offsetT", equalTo(100))
                .body("years[0].borrowedT", equalTo(300))
                .body("years[0].remainingT", equalTo(2400));
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/accounts/" + uscc).then().statusCode(200)
                .body("holdings.find { it.vintage == '2023' }.restrictedT", equalTo(300))
                .body("custody.find { it.vintage == '2022' }.freeT", equalTo(700));

        // every posting went out on carbon.ledger.v1 with the entity's holdings after it
        List<ConsumerRecord<String, String>> ledger = KafkaTestClient.readUntil(Topics.LEDGER, Duration.ofSeconds(30),
                r -> uscc.equals(r.key()) && KafkaTestClient.envelope(r).data().path("kind").asText().equals("OFFSET_CREDIT"));
        List<LedgerEvent> mine = ledger.stream().filter(r -> uscc.equals(r.key())).map(KafkaTestClient::envelope)
                .map(e -> KafkaTestClient.json().convertValue(e.data(), LedgerEvent.class)).toList();
        assertThat(mine).extracting(LedgerEvent::kind).contains("ISSUE", "CLAW_BACK", "BORROWING", "OFFSET_CREDIT");
        LedgerEvent clawBack = mine.stream().filter(e -> e.kind().equals("CLAW_BACK")).findFirst().orElseThrow();
        assertThat(clawBack.lines()).containsExactly(new LedgerEvent.Line("ENTITY_HOLDING/" + uscc, "NATIONAL_ISSUANCE", "2021", 1000));
        assertThat(clawBack.holdingsAfter()).contains(new LedgerEvent.Balance("2022", 0, 0, 700));
    }

    @Test
    void whatCannotBeAppliedGoesToEachTopicsDeadLetterQueueWithItsReason() {
        String uscc = announced();
        String unknownVintage = UUID.randomUUID().toString();
        KafkaTestClient.send(Topics.ALLOCATIONS, allocation(AllocationInstruction.ISSUE, unknownVintage, uscc,
                AllocationInstruction.ENTITY_ACCOUNT, 2021, "2030", 10));
        String unknownEntity = TestUscc.next("320000");
        // an entity never announced, and the instruction does not say its province: nothing to open accounts from
        KafkaTestClient.send(Topics.ALLOCATIONS, EventEnvelope.of(AllocationInstruction.ISSUE, "allocation-service",
                unknownEntity, "2021-2022", KafkaTestClient.json().valueToTree(new AllocationInstruction(
                        UUID.randomUUID().toString(), unknownEntity, null, "2021-2022", 2021, "2021", 10,
                        AllocationInstruction.ENTITY_ACCOUNT, "VERIFICATION", "CN-ETS-2021-2022-power", 1))));
        KafkaTestClient.send(Topics.BORROWING, EventEnvelope.of(BorrowingEvent.APPROVED, "allocation-service", uscc,
                "2021-2022", KafkaTestClient.json().valueToTree(new BorrowingEvent("B-" + uscc, uscc, "320000", "2021-2022",
                        2021, 300, "2021", "p"))));
        KafkaTestClient.send(Topics.OBLIGATIONS, uscc, "{not json");
        KafkaTestClient.send(Topics.OFFSETS, EventEnvelope.of(OffsetEvent.CONFIRMED, "offset-service", uscc, "2021-2022",
                KafkaTestClient.json().valueToTree(new OffsetEvent("O-" + uscc, uscc, "320000", "2021-2022", 2019, 5,
                        List.of(), "r"))));
        // and what comes after still goes through
        KafkaTestClient.send(Topics.ALLOCATIONS, allocation(AllocationInstruction.ISSUE, UUID.randomUUID().toString(), uscc,
                AllocationInstruction.ENTITY_ACCOUNT, 2021, "2021", 10));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.held(uscc, "2021") == 10);

        assertThat(reason(Topics.ALLOCATIONS, uscc)).contains("vintage").contains("2030");
        assertThat(reason(Topics.ALLOCATIONS, unknownEntity)).contains("lacks uscc or provinceCode");
        assertThat(reason(Topics.BORROWING, uscc)).contains("borrowed-only");
        assertThat(reason(Topics.OBLIGATIONS, uscc)).contains("not an event envelope");
        assertThat(reason(Topics.OFFSETS, uscc)).contains("2019");
        assertThat(fixture.count("select count(*) from ledger_transaction where uscc = ?1", uscc)).isOne();
    }

    private static String reason(String topic, String key) {
        String dlq = Topics.deadLetter(topic, "surrender-service");
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(dlq, Duration.ofSeconds(30), r -> key.equals(r.key()));
        ConsumerRecord<String, String> record = dead.stream().filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("nothing for " + key + " on " + dlq));
        Header h = record.headers().lastHeader("dead-letter-reason");
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
