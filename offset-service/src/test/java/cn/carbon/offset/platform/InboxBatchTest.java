package cn.carbon.offset.platform;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.platform.messaging.TransactionEffect;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's inbox on a batch (what one poll returned): one transaction for all of it; a poison message in it
 * is dead-lettered alone and the others applied once; the same batch delivered again (a crash after the effects
 * committed and before the offsets did) applies nothing twice.
 */
@QuarkusTest
class InboxBatchTest {

    static final String CONSUMER = "inbox-batch-test";
    static final String EFFECTS = "inbox-batch-test-effect";
    static final String TOPIC = "carbon.test.inbox-batch.v1";

    @Inject
    Inbox inbox;
    @Inject
    EntityManager em;

    /** A message whose acknowledgement or refusal (with its reason) is recorded. */
    static final class Delivered {
        final Map<String, String> outcome = new ConcurrentHashMap<>();

        Message<String> of(String name, String payload) {
            return Message.of(payload, () -> {
                outcome.put(name, "ack");
                return CompletableFuture.completedFuture(null);
            }, reason -> {
                outcome.put(name, "nack: " + reason.getMessage());
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    @Test
    void aBatchIsAppliedInOneTransaction() throws Exception {
        List<EventEnvelope> events = List.of(event(), event(), event(), event());
        Delivered delivered = new Delivered();
        List<Message<String>> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            batch.add(delivered.of("e" + i, json(events.get(i))));
        }
        List<Long> transactions = new ArrayList<>();
        inbox.consumeBatch(CONSUMER, TOPIC, batch, e -> {
            transactions.add(((Number) em.createNativeQuery("select txid_current()").getSingleResult()).longValue());
            record(e);
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(transactions).hasSize(4);
        assertThat(transactions.stream().distinct()).as("one transaction for the batch").hasSize(1);
        assertThat(delivered.outcome).containsOnly(Map.entry("e0", "ack"), Map.entry("e1", "ack"), Map.entry("e2", "ack"),
                Map.entry("e3", "ack"));
        for (EventEnvelope e : events) {
            assertThat(applied(e)).isEqualTo(1);
            assertThat(effects(e)).isEqualTo(1);
        }
    }

    /** What one transaction's effect saw: its transaction, the events applied, then the work before its commit. */
    final class Recording implements TransactionEffect {
        final List<Long> transactions = new ArrayList<>();
        final List<UUID> events = new ArrayList<>();
        final List<List<UUID>> commits;

        Recording(List<List<UUID>> commits) {
            this.commits = commits;
        }

        @Override
        public void apply(EventEnvelope e) {
            transactions.add(txid());
            events.add(e.id());
            record(e);
            if (e.type().equals("TestPoison")) {
                throw new IllegalArgumentException("refused " + e.id());
            }
        }

        @Override
        public void beforeCommit() {
            assertThat(transactions).as("in the events' transaction").containsOnly(txid());
            commits.add(List.copyOf(events));
        }

        private long txid() {
            return ((Number) em.createNativeQuery("select txid_current()").getSingleResult()).longValue();
        }
    }

    @Test
    void theWorkBeforeCommitRunsOncePerTransactionAfterItsEvents() throws Exception {
        EventEnvelope a = event();
        EventEnvelope b = event();
        EventEnvelope c = event();
        Delivered delivered = new Delivered();
        List<List<UUID>> commits = new ArrayList<>();
        inbox.consumeBatch(CONSUMER, TOPIC, List.of(delivered.of("a", json(a)), delivered.of("b", json(b)),
                delivered.of("a-twice", json(a)), delivered.of("c", json(c))), () -> new Recording(commits))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(commits).as("once, having seen the whole batch, each event once").containsExactly(
                List.of(a.id(), b.id(), c.id()));
        assertThat(delivered.outcome).containsOnlyKeys("a", "b", "a-twice", "c")
                .allSatisfy((k, v) -> assertThat(v).isEqualTo("ack"));
        assertThat(applied(a)).isEqualTo(1);
        assertThat(effects(a)).isEqualTo(1);

        // a poison in the batch: the batch's attempt rolls back before its commit work; each event then in a
        // transaction of its own, each with a fresh effect; a repeat applies nothing and asks for no work
        EventEnvelope d = event();
        EventEnvelope poison = EventEnvelope.of("TestPoison", "test", d.subject(), null, d.data());
        EventEnvelope e = event();
        commits.clear();
        Delivered second = new Delivered();
        inbox.consumeBatch(CONSUMER, TOPIC, List.of(second.of("d", json(d)), second.of("poison", json(poison)),
                second.of("e", json(e)), second.of("a-again", json(a))), () -> new Recording(commits))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(commits).containsExactly(List.of(d.id()), List.of(e.id()));
        assertThat(second.outcome.get("poison")).startsWith("nack: event " + poison.id());
        assertThat(second.outcome.get("a-again")).isEqualTo("ack");
        assertThat(effects(d)).isEqualTo(1);
        assertThat(effects(e)).isEqualTo(1);
        assertThat(effects(a)).isEqualTo(1);
    }

    @Test
    void aPoisonMessageInABatchIsDeadLetteredAloneAndTheRestAppliedOnce() throws Exception {
        EventEnvelope first = event();
        EventEnvelope poison = event();
        EventEnvelope last = event();
        Delivered delivered = new Delivered();
        List<Message<String>> batch = List.of(
                delivered.of("first", json(first)),
                delivered.of("unreadable", "{not json"),
                delivered.of("poison", json(poison)),
                delivered.of("last", json(last)),
                delivered.of("first-again", json(first)));
        Consumer<EventEnvelope> effect = e -> {
            record(e);
            if (e.id().equals(poison.id())) {
                throw new IllegalArgumentException("negative quantity in " + e.id());
            }
        };
        inbox.consumeBatch(CONSUMER, TOPIC, batch, effect).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(delivered.outcome.get("first")).isEqualTo("ack");
        assertThat(delivered.outcome.get("last")).isEqualTo("ack");
        assertThat(delivered.outcome.get("first-again")).as("a repeat in the same batch").isEqualTo("ack");
        assertThat(delivered.outcome.get("unreadable")).startsWith("nack: not an event envelope");
        assertThat(delivered.outcome.get("poison")).startsWith("nack: event " + poison.id())
                .contains("negative quantity");
        assertThat(effects(first)).as("applied once, although the batch's first attempt ran it").isEqualTo(1);
        assertThat(effects(last)).isEqualTo(1);
        assertThat(applied(first)).isEqualTo(1);
        assertThat(applied(last)).isEqualTo(1);
        assertThat(effects(poison)).as("the refused effect rolled back").isZero();
        assertThat(applied(poison)).isZero();

        // the same batch again, as after a crash between the effects' commit and the offsets' commit
        Delivered again = new Delivered();
        inbox.consumeBatch(CONSUMER, TOPIC, List.of(again.of("first", json(first)), again.of("last", json(last))), effect)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(again.outcome).containsOnly(Map.entry("first", "ack"), Map.entry("last", "ack"));
        assertThat(effects(first)).isEqualTo(1);
        assertThat(effects(last)).isEqualTo(1);
    }

    @Test
    void aBatchInWhichEveryEventIsPoisonAppliesNothing() throws Exception {
        EventEnvelope a = event();
        EventEnvelope b = event();
        Delivered delivered = new Delivered();
        inbox.consumeBatch(CONSUMER, TOPIC, List.of(delivered.of("a", json(a)), delivered.of("b", json(b))), e -> {
            record(e);
            throw new IllegalArgumentException("unknown event type " + e.type());
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(delivered.outcome.values()).hasSize(2).allMatch(o -> o.contains("unknown event type"));
        assertThat(effects(a) + effects(b) + applied(a) + applied(b)).isZero();
    }

    @Test
    void anEventAppliedAloneHoldsItsEntitysLockAsABatchDoes() throws Exception {
        EventEnvelope alone = event();
        EventEnvelope a = event();
        EventEnvelope b = event();
        List<Long> locksAlone = new ArrayList<>();
        List<Long> locksBatch = new ArrayList<>();
        Delivered delivered = new Delivered();
        // a batch of one is applied in a transaction of its own (as each event of a batch with a poison message)
        inbox.consumeBatch(CONSUMER, TOPIC, List.of(delivered.of("alone", json(alone))),
                e -> locksAlone.add(advisoryLocksHeld())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        inbox.consumeBatch(CONSUMER, TOPIC, List.of(delivered.of("a", json(a)), delivered.of("b", json(b))),
                e -> locksBatch.add(advisoryLocksHeld())).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(delivered.outcome.values()).containsOnly("ack");
        assertThat(locksAlone).containsExactly(1L);
        assertThat(locksBatch).containsExactly(2L, 2L);
    }

    @Test
    void aCollectingEffectWritesTheTransactionsEventsOnceInTheirOrder() throws Exception {
        List<EventEnvelope> events = List.of(event(), event(), event());
        Delivered delivered = new Delivered();
        List<Message<String>> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            batch.add(delivered.of("e" + i, json(events.get(i))));
        }
        List<List<String>> writes = new ArrayList<>();
        inbox.consumeBatch(CONSUMER, TOPIC, batch, TransactionEffect.collecting(EventEnvelope::subject, writes::add))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(writes).containsExactly(events.stream().map(EventEnvelope::subject).toList());
        // delivered again: nothing new to write
        inbox.consumeBatch(CONSUMER, TOPIC, batch, TransactionEffect.collecting(EventEnvelope::subject, writes::add))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(writes).hasSize(1);
    }

    /** Advisory locks this transaction's connection holds (the inbox's entity locks). */
    private long advisoryLocksHeld() {
        return ((Number) em.createNativeQuery("select count(*) from pg_locks where locktype = 'advisory' and granted "
                + "and pid = pg_backend_pid()").getSingleResult()).longValue();
    }

    private void record(EventEnvelope e) {
        em.createNativeQuery("insert into inbox_applied_event (consumer, event_id, topic, event_type) values (?1, ?2, ?3, ?4)")
                .setParameter(1, EFFECTS).setParameter(2, UUID.randomUUID()).setParameter(3, TOPIC)
                .setParameter(4, e.id().toString()).executeUpdate();
    }

    private static EventEnvelope event() {
        String uscc = TestUscc.next("320000");
        return EventEnvelope.of("TestInboxed", "test", uscc, null, KafkaTestClient.json().createObjectNode().put("uscc", uscc));
    }

    private static String json(EventEnvelope e) throws Exception {
        return KafkaTestClient.json().writeValueAsString(e);
    }

    private long applied(EventEnvelope event) {
        return count("select count(*) from inbox_applied_event where consumer = ?1 and event_id = ?2", CONSUMER, event.id());
    }

    private long effects(EventEnvelope event) {
        return count("select count(*) from inbox_applied_event where consumer = ?1 and event_type = ?2", EFFECTS,
                event.id().toString());
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
