package cn.carbon.offset.platform;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own relay, woken by each commit, runs its passes side by side (one awaits the broker while the next
 * selects): events of one key committed one after another still reach the topic once each and in commit order, while
 * other keys are committed beside them.
 */
@QuarkusTest
class OutboxRelayPipelineTest {

    static final String TOPIC = "carbon.test.outbox-pipeline.v1";
    static final int EVENTS = 300;

    @Inject
    Outbox outbox;

    @Test
    void eventsOfOneKeyArriveOnceEachInCommitOrderWhilePassesOverlap() throws Exception {
        String ordered = TestUscc.next("320000");
        List<CompletableFuture<Void>> others = IntStream.range(0, 2).mapToObj(t -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < EVENTS; i++) {
                String key = TestUscc.next("320000");
                int n = i;
                QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, event(key, n)));
            }
        })).toList();
        for (int i = 0; i < EVENTS; i++) {
            int n = i;
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, event(ordered, n)));
        }
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get();

        List<ConsumerRecord<String, String>> seen = KafkaTestClient.readUntil(TOPIC, Duration.ofSeconds(90),
                r -> ordered.equals(r.key()) && number(r) == EVENTS - 1);
        List<Integer> mine = seen.stream().filter(r -> ordered.equals(r.key())).map(OutboxRelayPipelineTest::number)
                .toList();
        assertThat(mine).containsExactlyElementsOf(IntStream.range(0, EVENTS).boxed().toList());
        // nothing of the key comes again afterwards
        assertThat(KafkaTestClient.readBeforeSentinel(TOPIC, ordered)).hasSize(EVENTS);
    }

    private static EventEnvelope event(String uscc, int n) {
        return EventEnvelope.of("TestRelayed", "offset-service", uscc, null,
                KafkaTestClient.json().createObjectNode().put("uscc", uscc).put("n", n));
    }

    private static int number(ConsumerRecord<String, String> record) {
        return KafkaTestClient.envelope(record).data().path("n").asInt(-1);
    }
}
