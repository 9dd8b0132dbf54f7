package cn.carbon.offset.platform;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.platform.messaging.PoisonMessageException;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's inbox on a transient failure (a serialization failure, SQLSTATE 40001): the attempt rolls back, is
 * tried again, and the event is applied once; a failure that does not pass, or one that is not transient, is refused
 * as poison (for the dead-letter topic) and leaves no record of having been applied.
 */
@QuarkusTest
class InboxRetryTest {

    static final String CONSUMER = "inbox-retry-test";
    static final String TOPIC = "carbon.test.inbox.v1";

    @Inject
    Inbox inbox;
    @Inject
    EntityManager em;

    @Test
    void aTransientFailureIsRetriedAndTheEventAppliedOnce() throws Exception {
        EventEnvelope event = event();
        String payload = KafkaTestClient.json().writeValueAsString(event);
        AtomicInteger attempts = new AtomicInteger();
        boolean applied = inbox.consume(CONSUMER, TOPIC, payload, e -> {
            // each attempt writes, as a real effect would; the failed attempts' writes must roll back with them
            em.createNativeQuery("insert into inbox_applied_event (consumer, event_id, topic, event_type) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, CONSUMER + "-effect").setParameter(2, java.util.UUID.randomUUID())
                    .setParameter(3, TOPIC).setParameter(4, "attempt-" + attempts.get()).executeUpdate();
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("serialization failure", new SQLException("could not serialize", "40001"));
            }
        });
        assertThat(applied).isTrue();
        assertThat(attempts).hasValue(3);
        assertThat(applied(event)).isEqualTo(1);
        assertThat(count("select count(*) from inbox_applied_event where consumer = ?1 and event_type = 'attempt-2'", CONSUMER + "-effect")).as("the third attempt's write").isEqualTo(1);
        assertThat(count("select count(*) from inbox_applied_event where consumer = ?1 and event_type in ('attempt-0', "
                + "'attempt-1')", CONSUMER + "-effect")).as("the failed attempts' writes").isZero();

        // delivered again: skipped, the effect does not run
        assertThat(inbox.consume(CONSUMER, TOPIC, payload, e -> attempts.incrementAndGet())).isFalse();
        assertThat(attempts).hasValue(3);
    }

    /**
     * What a consumer meets when PostgreSQL restarts: its connection is terminated by the server (SQLSTATE 57P01).
     * Here the effect's own backend is terminated, by a second session, on the first two attempts: the event is
     * waited for and applied once, not dead-lettered as contention that did not pass would be.
     */
    @Test
    void aConnectionCutByTheServerIsWaitedForAndTheEventAppliedOnce() throws Exception {
        EventEnvelope event = event();
        AtomicInteger attempts = new AtomicInteger();
        boolean applied = inbox.consume(CONSUMER, TOPIC, KafkaTestClient.json().writeValueAsString(event), e -> {
            Number backend = (Number) em.createNativeQuery("select pg_backend_pid()").getSingleResult();
            if (attempts.incrementAndGet() <= 2) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("select pg_terminate_backend(?1)")
                        .setParameter(1, backend.intValue()).getSingleResult());
                em.createNativeQuery("select 1").getSingleResult(); // on the terminated connection: 57P01
            }
        });
        assertThat(applied).isTrue();
        assertThat(attempts).hasValue(3);
        assertThat(applied(event)).isEqualTo(1);
    }

    @Test
    void aTransientFailureThatDoesNotPassAndAPermanentOneArePoison() throws Exception {
        EventEnvelope stuck = event();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> inbox.consume(CONSUMER, TOPIC, KafkaTestClient.json().writeValueAsString(stuck), e -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("deadlock", new SQLException("deadlock detected", "40P01"));
        })).isInstanceOf(PoisonMessageException.class).hasMessageContaining("deadlock detected");
        assertThat(attempts).as("tried a bounded number of times").hasValue(5);
        assertThat(applied(stuck)).isZero();

        EventEnvelope refused = event();
        AtomicInteger once = new AtomicInteger();
        assertThatThrownBy(() -> inbox.consume(CONSUMER, TOPIC, KafkaTestClient.json().writeValueAsString(refused), e -> {
            once.incrementAndGet();
            throw new IllegalArgumentException("negative quantity");
        })).isInstanceOf(PoisonMessageException.class).hasMessageContaining("negative quantity");
        assertThat(once).as("a permanent failure is not retried").hasValue(1);
        assertThat(applied(refused)).isZero();
    }

    private static EventEnvelope event() {
        String uscc = TestUscc.next("320000");
        return EventEnvelope.of("TestInboxed", "test", uscc, null, KafkaTestClient.json().createObjectNode().put("uscc", uscc));
    }

    private long applied(EventEnvelope event) {
        return count("select count(*) from inbox_applied_event where consumer = ?1 and event_id = ?2", CONSUMER, event.id());
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
}
