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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

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
        // the sentinel goes the real way: the same USCC registered again, committed this time. On the same key (so the
        // same partition) and later in the outbox, it is published after anything the rolled-back attempt had left
        registry.register(new EntityRegistry.Registration(uscc, "Committed", "110000", "POWER"), "test");
        List<ConsumerRecord<String, String>> mine = KafkaTestClient.readUntil(Topics.ENTITIES, Duration.ofSeconds(60),
                r -> uscc.equals(r.key()) && r.value().contains("Committed")).stream()
                .filter(r -> uscc.equals(r.key())).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).value()).contains("Committed").doesNotContain("Rolled back");
    }

    @Test
    void committedEventsSurviveARelayRestartAndArePublishedOnce() {
        String first = TestUscc.next("110000");
        String second = TestUscc.next("110000");
        relay.stop();
        try {
            registry.register(new EntityRegistry.Registration(first, "Before restart 1", "110000", "POWER"), "test");
            registry.register(new EntityRegistry.Registration(second, "Before restart 2", "110000", "POWER"), "test");
            // stop() waited for any pass in progress, and a stopped relay publishes nothing: the rows stay unsent, and
            // nothing of theirs is on the topic before a sentinel written after them on each key
            assertThat(relay.relayPending()).isZero();
            assertThat(unsent(first) + unsent(second)).isEqualTo(2);
            assertThat(KafkaTestClient.readBeforeSentinel(Topics.ENTITIES, first)).isEmpty();
            assertThat(KafkaTestClient.readBeforeSentinel(Topics.ENTITIES, second)).isEmpty();
        } finally {
            relay.start();
        }
        relay.relayPending(); // a second pass must not publish them again
        assertThat(unsent(first) + unsent(second)).isZero();
        // relayPending returns after the broker acknowledged: a second sentinel on each key has every publication of
        // them in front of it (the first sentinels too, which are not events of this service)
        assertThat(published(first)).hasSize(1);
        assertThat(published(second)).hasSize(1);
        var published = KafkaTestClient.readAll(Topics.ENTITIES, Duration.ofSeconds(4));
        assertThat(published.stream().filter(r -> first.equals(r.key()) && !sentinel(r))).hasSize(1);
        assertThat(published.stream().filter(r -> second.equals(r.key()) && !sentinel(r))).hasSize(1);
    }

    private static List<ConsumerRecord<String, String>> published(String uscc) {
        return KafkaTestClient.readBeforeSentinel(Topics.ENTITIES, uscc).stream().filter(r -> !sentinel(r)).toList();
    }

    private static boolean sentinel(ConsumerRecord<String, String> r) {
        return KafkaTestClient.SENTINEL.equals(KafkaTestClient.envelope(r).type());
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
