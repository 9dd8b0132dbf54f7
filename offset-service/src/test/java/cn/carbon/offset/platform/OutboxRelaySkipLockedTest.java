package cn.carbon.offset.platform;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.platform.messaging.OutboxRelay;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's outbox relay with two relays at once (as two replicas would run): rows one relay holds are skipped by
 * the other ({@code FOR UPDATE SKIP LOCKED}), which neither waits nor publishes them; once released, they go out once.
 * The first relay is held mid-batch by a transaction locking its rows as the relay's own select does.
 */
@QuarkusTest
class OutboxRelaySkipLockedTest {

    static final String TOPIC = "carbon.test.outbox-relay.v1";

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    EntityManager em;
    @Inject
    Config config;

    @Test
    void aSecondRelaySkipsTheRowsTheFirstHoldsAndEachRowIsPublishedOnce() throws Exception {
        String held = TestUscc.next("320000");
        String free = TestUscc.next("320000");
        OutboxRelay second = new OutboxRelay(em, config, new SimpleMeterRegistry(),
                new cn.carbon.platform.tracing.EventTracing(io.opentelemetry.api.OpenTelemetry.noop().getTracer("test")));
        relay.stop(); // the service's own relay waits: this test decides who publishes
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = null;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.publish(TOPIC, event(held));
                outbox.publish(TOPIC, event(free));
            });
            // the first relay's batch: its rows locked as `select ... for update skip locked` locks them
            first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
                assertThat(em.createNativeQuery("select seq from outbox_event where message_key = ?1 and sent_at is null "
                        + "for update skip locked").setParameter(1, held).getResultList()).hasSize(1);
                locked.countDown();
                await(release);
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

            // the second relay neither blocks on the held row nor publishes it
            int published = CompletableFuture.supplyAsync(second::relayPending).get(60, TimeUnit.SECONDS);
            assertThat(published).isGreaterThanOrEqualTo(1);
            assertThat(unsent(free)).isZero();
            assertThat(unsent(held)).isEqualTo(1);
            assertThat(KafkaTestClient.readBeforeSentinel(TOPIC, held)).isEmpty();

            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            second.relayPending();
            assertThat(unsent(held)).isZero();
        } finally {
            release.countDown();
            second.stop();
            relay.start();
        }
        assertThat(KafkaTestClient.readBeforeSentinel(TOPIC, held)).filteredOn(r -> !sentinel(r.value())).hasSize(1);
        assertThat(KafkaTestClient.readBeforeSentinel(TOPIC, free)).filteredOn(r -> !sentinel(r.value())).hasSize(1);
    }

    private static EventEnvelope event(String uscc) {
        return EventEnvelope.of("TestRelayed", "offset-service", uscc, null,
                KafkaTestClient.json().createObjectNode().put("uscc", uscc));
    }

    private static boolean sentinel(String value) {
        return value.contains("\"" + KafkaTestClient.SENTINEL + "\"");
    }

    private long unsent(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where message_key = ?1 and sent_at is null")
                .setParameter(1, key).getSingleResult()).longValue());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the first relay's rows");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
