package cn.carbon.risk.index;

import cn.carbon.contracts.LedgerEvent;
import cn.carbon.risk.Inputs;
import cn.carbon.risk.inputs.InputEventsConsumer;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One poll's events are applied in one transaction, and each entity they touched is recomputed once, after the last
 * of them: three holdings changes of one entity in a batch store one new value per year (not three), computed from
 * the last holdings, with the last event's type as its trigger; another entity in the same batch gets its own.
 */
@QuarkusTest
class RecomputedOncePerBatchTest {

    @Inject
    InputEventsConsumer consumer;

    @Test
    void eachEntityOfABatchIsRecomputedOnceFromItsLastInputs() throws Exception {
        String a = TestUscc.next("320000");
        String b = TestUscc.next("320000");
        for (String uscc : List.of(a, b)) {
            Inputs.entity(uscc, "320000", "OPERATING");
            Inputs.holdings(uscc, "320000", 1_000_000, 1_000_000);
            Inputs.obligation(uscc, "320000", 2021, 1_000_000);
            Inputs.obligation(uscc, "320000", 2022, 1_000_000);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> gap(a) == 0 && gap(b) == 0
                && Inputs.count("select count(*) from risk_state where uscc in (?1, ?2)", a, b) == 4);
        long valuesA = values(a);
        long valuesB = values(b);

        List<Message<String>> batch = List.of(
                message(Inputs.holdingsEvent(a, "320000", 900_000, 900_000)),
                message(Inputs.holdingsEvent(b, "320000", 990_000, 1_000_000)),
                message(Inputs.holdingsEvent(a, "320000", 950_000, 950_000)),
                message(Inputs.holdingsEvent(a, "320000", 800_000, 800_000)));
        consumer.ledger(batch).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(gap(a)).as("from the last holdings").isEqualTo(400_000);
        assertThat(gap(b)).isEqualTo(10_000);
        assertThat(values(a)).as("one new value per year for three events").isEqualTo(valuesA + 2);
        assertThat(values(b)).isEqualTo(valuesB + 2);
        assertThat(Inputs.count("select count(*) from risk_value where uscc = ?1 and trigger = ?2 and cycle_gap_t = 400000",
                a, LedgerEvent.POSTED)).isEqualTo(2);
    }

    private static long gap(String uscc) {
        return Inputs.count("select coalesce(max(cycle_gap_t), -1) from risk_state where uscc = ?1", uscc);
    }

    private static long values(String uscc) {
        return Inputs.count("select count(*) from risk_value where uscc = ?1", uscc);
    }

    private static Message<String> message(cn.carbon.contracts.EventEnvelope event) throws Exception {
        return Message.of(KafkaTestClient.json().writeValueAsString(event));
    }
}
