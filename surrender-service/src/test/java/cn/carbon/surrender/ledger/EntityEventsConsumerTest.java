package cn.carbon.surrender.ledger;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class EntityEventsConsumerTest {

    @Inject
    EntityManager em;

    @Test
    void anEntityEventDeliveredTwiceOpensTheAccountOnce() {
        String uscc = TestUscc.next("320000");
        EventEnvelope event = TestEvents.entityRegistered(uscc, "320000");
        KafkaTestClient.send(Topics.ENTITIES, event);
        KafkaTestClient.send(Topics.ENTITIES, event);
        // a later event on the SAME key (so the same partition, consumed in order) proves both copies were consumed
        // before we count: the marker is applied only after the duplicate was seen and skipped
        EventEnvelope marker = EventEnvelope.of(EntityEvent.STATUS_CHANGED, "allocation-service", uscc, null,
                KafkaTestClient.json().valueToTree(new EntityEvent(uscc, "Entity " + uscc, "320000", "POWER", "OPERATING")));
        KafkaTestClient.send(Topics.ENTITIES, marker);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count(*) from inbox_applied_event where event_id = ?1", marker.id()) == 1);

        assertThat(accounts(uscc)).isEqualTo(2); // one holding, one custody: not four
        assertThat(count("select count(*) from inbox_applied_event where event_id = ?1", event.id())).isEqualTo(1);
        given().auth().oauth2(Tokens.province("320000")).when().get("/api/surrender/accounts/" + uscc)
                .then().statusCode(200)
                .body("uscc", equalTo(uscc))
                .body("provinceCode", equalTo("320000"))
                .body("holdings", empty())
                .body("custody", empty());
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithItsReasonAndLaterMessagesGoThrough() {
        String poisonKey = TestUscc.next("110000");
        KafkaTestClient.send(Topics.ENTITIES, poisonKey, "{not json");
        String halfEvent = TestUscc.next("110000");
        KafkaTestClient.send(Topics.ENTITIES, new EventEnvelope(java.util.UUID.randomUUID(), EntityEvent.REGISTERED,
                "allocation-service", java.time.Instant.now(), halfEvent, null,
                KafkaTestClient.json().createObjectNode().put("uscc", halfEvent)));
        String after = TestUscc.next("110000");
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(after, "110000"));

        await().atMost(Duration.ofSeconds(30)).until(() -> accounts(after) == 2);
        String dlq = Topics.deadLetter(Topics.ENTITIES, "surrender-service");
        // each dead letter awaited by its own key: the later one arriving does not prove the earlier is readable yet
        var dead = KafkaTestClient.awaitKeys(dlq, Duration.ofSeconds(60), poisonKey, halfEvent);
        ConsumerRecord<String, String> poison = dead.get(poisonKey);
        assertThat(poison.value()).isEqualTo("{not json");
        assertThat(header(poison, "dead-letter-reason")).contains("not an event envelope");
        ConsumerRecord<String, String> refused = dead.get(halfEvent);
        assertThat(header(refused, "dead-letter-reason")).contains("lacks uscc, name, provinceCode or status");
        assertThat(accounts(halfEvent)).isZero();
        // the refused event left no trace of having been applied: a corrected replay can still apply it
        assertThat(count("select count(*) from inbox_applied_event where topic = ?1 and event_id = ?2",
                Topics.ENTITIES, KafkaTestClient.envelope(refused).id())).isZero();
    }

    private long accounts(String uscc) {
        return count("select count(*) from account where uscc = ?1", uscc);
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
