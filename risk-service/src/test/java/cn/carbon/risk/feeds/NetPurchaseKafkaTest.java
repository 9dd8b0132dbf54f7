package cn.carbon.risk.feeds;

import cn.carbon.contracts.NetPurchaseEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.risk.Inputs;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The same feed as records on carbon.exchange.net-purchases.v1: all rows or none, poison to the DLQ. */
@QuarkusTest
class NetPurchaseKafkaTest {

    static final LocalDate JUNE_5 = LocalDate.of(2023, 6, 5);

    static void send(String feedId, String uscc, LocalDate start, long bought, long sold, int rows) {
        KafkaTestClient.send(Topics.EXCHANGE_NET_PURCHASES, Inputs.envelope(NetPurchaseEvent.REPORTED, "exchange", uscc,
                new NetPurchaseEvent(feedId, uscc, start, start.plusDays(6), bought, sold, rows)));
    }

    @Test
    void aCompleteFeedIsTakenInOnceItsLastRowArrives() {
        String a = TestUscc.next("320000");
        String b = TestUscc.next("320000");
        Inputs.knownEntity(a, "320000");
        Inputs.knownEntity(b, "320000");
        String feedId = "kafka-" + UUID.randomUUID();
        send(feedId, a, JUNE_5, 100, 0, 2);
        send(feedId, b, JUNE_5, 0, 40, 2);
        Inputs.awaitCount("select count(*) from net_purchase_feed where feed_id = ?1 and status = 'ACCEPTED'", 1, feedId);
        assertThat(Inputs.count("select count(*) from current_net_purchase where feed_id = ?1", feedId)).isEqualTo(2);
        assertThat(Inputs.count("select count(*) from net_purchase_staged where feed_id = ?1", feedId)).isZero();
        given().auth().oauth2(Tokens.exchange()).get("/api/risk/net-purchase-feeds/" + feedId).then().statusCode(200)
                .body("source", equalTo("KAFKA")).body("rowCount", equalTo(2));
    }

    @Test
    void aBadFeedIsRecordedAsRejectedAndNothingOfItApplies() {
        String a = TestUscc.next("320000");
        Inputs.knownEntity(a, "320000");
        String stranger = TestUscc.next("320000");
        String feedId = "kafka-" + UUID.randomUUID();
        LocalDate week = LocalDate.of(2023, 6, 12);
        send(feedId, a, week, 100, 0, 3);
        send(feedId, stranger, week, 1, 0, 3);
        send(feedId, a, LocalDate.of(2023, 6, 19), -5, 0, 3);
        Inputs.awaitCount("select count(*) from net_purchase_feed where feed_id = ?1 and status = 'REJECTED'", 1, feedId);
        assertThat(Inputs.count("select count(*) from net_purchase_row where feed_id = ?1", feedId)).isZero();
        assertThat(Inputs.count("select count(*) from net_purchase_week where week_start = ?1", week)).isZero();
        given().auth().oauth2(Tokens.registry()).get("/api/risk/net-purchase-feeds/" + feedId).then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("rejection.errors.message", hasItem(containsString("must not be negative: -5")))
                .body("rejection.errors.message", hasItem(containsString("unknown USCC " + stranger)));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReason() {
        String key = TestUscc.next("320000");
        KafkaTestClient.send(Topics.EXCHANGE_NET_PURCHASES, key, "{not json");
        String noFeed = TestUscc.next("320000");
        send(null, noFeed, JUNE_5, 1, 0, 1);
        String dlq = Topics.deadLetter(Topics.EXCHANGE_NET_PURCHASES, "risk-service");
        // each dead letter awaited by its own key (they may sit on different partitions)
        var dead = KafkaTestClient.awaitKeys(dlq, Duration.ofSeconds(60), key, noFeed);
        assertThat(dead.get(key).value()).isEqualTo("{not json");
        ConsumerRecord<String, String> refused = dead.get(noFeed);
        Header reason = refused.headers().lastHeader("dead-letter-reason");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("lacks feedId");
    }
}
