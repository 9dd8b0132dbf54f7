package cn.carbon.risk.inputs;

import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.risk.Inputs;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each input topic dead-letters what it cannot apply, applies a repeat once, and moves on. */
@QuarkusTest
class InputsDeadLetterTest {

    @Test
    void aRefusedObligationGoesToItsDeadLetterTopicAndLaterOnesApply() {
        String bad = TestUscc.next("320000");
        KafkaTestClient.send(Topics.OBLIGATIONS, Inputs.envelope(ObligationEvent.SET, "allocation-service", bad,
                new ObligationEvent(bad, "320000", Inputs.CYCLE, 2021, -5, false, "OPERATING", "x", 1)));
        String good = TestUscc.next("320000");
        Inputs.obligation(good, "320000", 2021, 10);
        Inputs.awaitCount("select count(*) from obligation where uscc = ?1", 1, good);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(
                Topics.deadLetter(Topics.OBLIGATIONS, "risk-service"), Duration.ofSeconds(20), r -> bad.equals(r.key()));
        ConsumerRecord<String, String> refused = dead.stream().filter(r -> bad.equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(refused.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("negative obligation");
        assertThat(Inputs.count("select count(*) from obligation where uscc = ?1", bad)).isZero();
    }

    @Test
    void aLedgerEventDeliveredTwiceIsAppliedOnce() {
        String uscc = TestUscc.next("320000");
        var event = Inputs.envelope(cn.carbon.contracts.LedgerEvent.POSTED, "surrender-service", uscc,
                new cn.carbon.contracts.LedgerEvent("t-1", "ISSUE", uscc, "320000", 2021, List.of(),
                        List.of(new cn.carbon.contracts.LedgerEvent.Balance("2021", 5, 0, 0))));
        KafkaTestClient.send(Topics.LEDGER, event);
        KafkaTestClient.send(Topics.LEDGER, event);
        Inputs.holdings(uscc, "320000", 7, 0); // a later event on the same key: both copies were seen before it
        Inputs.awaitCount("select count(*) from holding_balance where uscc = ?1 and vintage = '2021' and free_t = 7", 1, uscc);
        assertThat(Inputs.count("select count(*) from inbox_applied_event where event_id = ?1", event.id())).isEqualTo(1);
    }
}
