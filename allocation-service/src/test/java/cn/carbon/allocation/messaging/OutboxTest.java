package cn.carbon.allocation.messaging;

import cn.carbon.allocation.entity.EntityRegistry;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.OutboxRelay;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox publishes exactly what was committed: nothing of a rollback, everything of a commit, once. */
@QuarkusTest
class OutboxTest {

    @Inject
    EntityRegistry registry;
    @Inject
    OutboxRelay relay;
    @Inject
    EntityManager em;

    @Test
    void rolledBackTransactionPublishesNothing() {
        String uscc = TestUscc.next("110000");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            registry.register(new EntityRegistry.Registration(uscc, "Rolled back", "110000", "POWER"), "test");
            throw new IllegalStateException("the change fails after the event was written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(outboxRows(uscc)).isZero();
        KeyEmittingEntity stored = QuarkusTransaction.requiringNew().call(() -> KeyEmittingEntity.findById(uscc));
        assertThat(stored).isNull();
        assertThat(KafkaTestClient.readAll(Topics.ENTITIES, Duration.ofSeconds(3)))
                .noneMatch(r -> uscc.equals(r.key()));
    }

    @Test
    void committedEventsSurviveARelayRestartAndArePublishedOnce() {
        String first = TestUscc.next("110000");
        String second = TestUscc.next("110000");
        relay.stop();
        try {
            registry.register(new EntityRegistry.Registration(first, "Before restart 1", "110000", "POWER"), "test");
            registry.register(new EntityRegistry.Registration(second, "Before restart 2", "110000", "POWER"), "test");
            assertThat(unsent(first) + unsent(second)).isEqualTo(2);
            assertThat(KafkaTestClient.readAll(Topics.ENTITIES, Duration.ofSeconds(2)))
                    .noneMatch(r -> first.equals(r.key()) || second.equals(r.key()));
        } finally {
            relay.start();
        }
        relay.relayPending(); // a second pass must not publish them again
        var published = KafkaTestClient.readAll(Topics.ENTITIES, Duration.ofSeconds(4));
        assertThat(published.stream().filter(r -> first.equals(r.key()))).hasSize(1);
        assertThat(published.stream().filter(r -> second.equals(r.key()))).hasSize(1);
        assertThat(unsent(first) + unsent(second)).isZero();
    }

    private long outboxRows(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from outbox_event where message_key = ?1")
                .setParameter(1, uscc).getSingleResult()).longValue());
    }

    private long unsent(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from outbox_event where message_key = ?1 and sent_at is null")
                .setParameter(1, uscc).getSingleResult()).longValue());
    }
}
