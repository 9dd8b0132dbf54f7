package cn.carbon.platform.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    private static final TopicPartition P0 = new TopicPartition("t.dlq", 0);
    private static final TopicPartition P1 = new TopicPartition("t.dlq", 1);
    private static final TopicPartition P2 = new TopicPartition("t.dlq", 2);

    @Test
    void theQueuesAreTheChannelsThatDeadLetterWithTheirTopics() {
        var queues = DeadLetterQueues.of(Map.of(
                "mp.messaging.incoming.entities.topic", "carbon.entities.v1",
                "mp.messaging.incoming.entities.failure-strategy", "dead-letter-queue",
                "mp.messaging.incoming.entities.dead-letter-queue.topic", "carbon.entities.v1.risk-service.dlq",
                "mp.messaging.incoming.alerts.topic", "carbon.risk-alerts.v1",
                "mp.messaging.incoming.alerts.failure-strategy", "ignore",
                "mp.messaging.incoming.ledger.failure-strategy", "dead-letter-queue",
                "mp.messaging.outgoing.out.topic", "carbon.x.v1"));
        assertThat(queues).containsExactly(
                new DeadLetterQueues.Queue("entities", "carbon.entities.v1", "carbon.entities.v1.risk-service.dlq"),
                // SmallRye's defaults: the channel's name is its topic, dead-letter-topic-<channel> its dead letters
                new DeadLetterQueues.Queue("ledger", "ledger", "dead-letter-topic-ledger"));
    }

    @Test
    void theCountIsEndMinusBeginningOverEveryPartition() {
        assertThat(Backlog.kept(Map.of(P0, 3L, P1, 0L, P2, 7L), Map.of(P0, 5L, P1, 4L, P2, 7L))).isEqualTo(6);
        assertThat(Backlog.kept(Map.of(), Map.of(P0, 5L))).isZero();
    }

    @Test
    void theLatestAreReadFromEachPartitionsLastNeverBeforeItsBeginning() {
        assertThat(Backlog.lastOf(Map.of(P0, 3L, P1, 0L, P2, 7L), Map.of(P0, 5L, P1, 40L, P2, 7L), 10))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 3L, P1, 30L, P2, 7L));
    }

    @Test
    void aPayloadShowsItsFirst200CharactersOnly() {
        assertThat(Backlog.beginning("short")).isEqualTo("short");
        assertThat(Backlog.beginning("x".repeat(500))).hasSize(200);
        String cutInAPair = "x".repeat(199) + "\uD83D\uDE00" + "tail";
        assertThat(Backlog.beginning(cutInAPair)).isEqualTo("x".repeat(199));
    }

    @Test
    void aLetterCarriesWhereItCameFromAndWhyItWasRefused() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", "negative obligation".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-cause", "boom".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", "carbon.obligations.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", "2".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", "41".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("t.dlq", 0, 9, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, 0, 0, "k".getBytes(StandardCharsets.UTF_8),
                ("{\"a\":\"" + "y".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
        DeadLetters.Letter letter = DeadLetters.letter(r);
        assertThat(letter).isEqualTo(new DeadLetters.Letter(Instant.ofEpochMilli(1_700_000_000_000L), "k",
                "carbon.obligations.v1", 2, 41L, "negative obligation", "boom", ("{\"a\":\"" + "y".repeat(194))));
    }

    @Test
    void aLetterWithoutHeadersStillReads() {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("t.dlq", 0, 0, null, null);
        DeadLetters.Letter letter = DeadLetters.letter(r);
        assertThat(letter.reason()).isNull();
        assertThat(letter.originalOffset()).isNull();
        assertThat(letter.payload()).isNull();
    }
}
