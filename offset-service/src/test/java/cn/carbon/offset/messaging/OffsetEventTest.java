package cn.carbon.offset.messaging;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.OffsetEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.applications.OffsetApplications;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static cn.carbon.offset.Offsets.applied;
import static cn.carbon.offset.Offsets.approve;
import static cn.carbon.offset.Offsets.entity;
import static cn.carbon.offset.Offsets.line;
import static cn.carbon.offset.Offsets.lot;
import static cn.carbon.offset.Offsets.lotView;
import static cn.carbon.offset.Offsets.offset;
import static cn.carbon.offset.Offsets.review;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Confirmation publishes exactly one carbon.offsets.v1 event per confirmation, through the outbox: a repeat with the
 * same Idempotency-Key replays the first answer, a repeat without it is 409; nothing else publishes.
 */
@QuarkusTest
class OffsetEventTest {

    static final String JS = "320000";

    @Inject
    EntityManager em;

    @Test
    void oneConfirmationOneEventHoweverOftenTheConfirmIsRepeated() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String a = lot(uscc, 8_000);
        String b = lot(uscc, 2_000);
        String id = applied(uscc, 2022, line(a, 6_000), line(b, 2_000));
        approve(id, JS);
        assertThat(outboxRows(uscc)).as("applying and reviewing publish nothing").isZero();

        String key = "confirm-" + id;
        String first = given().auth().oauth2(Tokens.registryApprover()).header("Idempotency-Key", key)
                .post("/api/offsets/applications/" + id + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).extract().asString();
        String replay = given().auth().oauth2(Tokens.registryApprover()).header("Idempotency-Key", key)
                .post("/api/offsets/applications/" + id + "/confirm").then().statusCode(200).extract().asString();
        assertThat(replay).isEqualTo(first);
        given().auth().oauth2(Tokens.registryApprover()).post("/api/offsets/applications/" + id + "/confirm")
                .then().statusCode(409).body("type", equalTo("https://carbon.example/problems/application-not-approved"));
        given().auth().oauth2(Tokens.registry()).header("Idempotency-Key", "another-" + id)
                .post("/api/offsets/applications/" + id + "/confirm").then().statusCode(409);
        assertThat(outboxRows(uscc)).isEqualTo(1);
        assertThat(lotView(a).getLong("cancelledT")).isEqualTo(6_000);

        List<ConsumerRecord<String, String>> published = KafkaTestClient.readAllOf(Topics.OFFSETS, uscc, Duration.ofSeconds(5));
        assertThat(published).hasSize(1);
        EventEnvelope event = KafkaTestClient.envelope(published.get(0));
        assertThat(event.id()).isEqualTo(OffsetApplications.confirmationEventId(UUID.fromString(id)));
        assertThat(event.type()).isEqualTo(OffsetEvent.CONFIRMED);
        assertThat(event.source()).isEqualTo("offset-service");
        assertThat(event.subject()).isEqualTo(uscc);
        assertThat(event.cycle()).isEqualTo("2021-2022");
        OffsetEvent data = KafkaTestClient.json().convertValue(event.data(), OffsetEvent.class);
        assertThat(data.applicationId()).isEqualTo(id);
        assertThat(data.uscc()).isEqualTo(uscc);
        assertThat(data.provinceCode()).isEqualTo(JS);
        assertThat(data.complianceYear()).isEqualTo(2022);
        assertThat(data.quantityT()).isEqualTo(8_000);
        assertThat(data.confirmedBy()).isEqualTo("registry.approver");
        assertThat(data.lots()).extracting(OffsetEvent.LotUse::lotId, OffsetEvent.LotUse::quantityT)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a, 6_000L), org.assertj.core.groups.Tuple.tuple(b, 2_000L));
        assertThat(data.lots()).allSatisfy(u -> assertThat(u.projectId()).startsWith("CCER-"));
    }

    @Test
    void anIdempotencyKeyBelongsToOneCommand() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 2_000);
        String first = applied(uscc, 2021, line(lot, 1_000));
        String second = applied(uscc, 2021, line(lot, 1_000));
        approve(first, JS);
        approve(second, JS);
        String key = "one-key-" + uscc;
        given().auth().oauth2(Tokens.registryApprover()).header("Idempotency-Key", key)
                .post("/api/offsets/applications/" + first + "/confirm").then().statusCode(200);
        // the same key for another application's confirmation is another request: 422, nothing confirmed
        given().auth().oauth2(Tokens.registryApprover()).header("Idempotency-Key", key)
                .post("/api/offsets/applications/" + second + "/confirm").then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/idempotency-key-reused"));
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/applications/" + second).then()
                .body("status", equalTo("APPROVED"));
        assertThat(outboxRows(uscc)).isEqualTo(1);
    }

    @Test
    void rejectedAndWithdrawnApplicationsPublishNothing() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 2_000);
        String rejected = applied(uscc, 2021, line(lot, 500));
        review(rejected, JS, "REJECT", "the paper form does not match").then().statusCode(200);
        String withdrawn = applied(uscc, 2021, line(lot, 500));
        given().auth().oauth2(Tokens.entity(uscc)).post("/api/offsets/applications/" + withdrawn + "/withdraw")
                .then().statusCode(200);
        offset(uscc, JS, 2021, line(lot, 700));
        assertThat(outboxRows(uscc)).isEqualTo(1);
    }

    private long outboxRows(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from outbox_event where topic = ?1 and message_key = ?2")
                .setParameter(1, Topics.OFFSETS).setParameter(2, uscc).getSingleResult()).longValue());
    }
}
