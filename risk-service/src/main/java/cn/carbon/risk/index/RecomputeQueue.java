package cn.carbon.risk.index;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Entities whose index must be recomputed outside the transaction that asked for it: those a feed touched (thousands
 * at once) and, on the schedule, every entity with an obligation (time passes even when no event arrives). The
 * request is a row written in the asking transaction, so it is never lost; batches are claimed with SKIP LOCKED.
 */
@ApplicationScoped
public class RecomputeQueue {

    private static final Logger LOG = Logger.getLogger(RecomputeQueue.class);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final RiskRecomputation recomputation;
    private final Event<Requested> requested;
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "risk-recompute");
        t.setDaemon(true);
        return t;
    });

    public RecomputeQueue(EntityManager em, RiskRecomputation recomputation, Event<Requested> requested) {
        this.em = em;
        this.recomputation = recomputation;
        this.requested = requested;
    }

    /** Fired in the asking transaction; observed after its commit to drain at once. */
    public record Requested(String reason) {
    }

    /** Requests the entities that rows of {@code feedId} name (inside the feed's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int requestForFeed(String feedId) {
        int n = em.createNativeQuery("""
                        insert into recompute_request (uscc, reason)
                        select distinct uscc, 'feed ' || ?1 from net_purchase_row where feed_id = ?1
                        on conflict (uscc) do nothing""")
                .setParameter(1, feedId).executeUpdate();
        requested.fire(new Requested("feed " + feedId));
        return n;
    }

    /** Requests every entity that has an obligation. */
    @Transactional
    public int requestAll(String reason) {
        int n = em.createNativeQuery("""
                        insert into recompute_request (uscc, reason)
                        select distinct uscc, ?1 from obligation on conflict (uscc) do nothing""")
                .setParameter(1, reason).executeUpdate();
        requested.fire(new Requested(reason));
        return n;
    }

    @Scheduled(every = "${carbon.risk.schedule.full-recompute:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        requestAll("schedule");
    }

    @Scheduled(every = "${carbon.risk.schedule.queue-drain:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void drainOnSchedule() {
        drainQuietly();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Requested r) {
        wakeups.submit(this::drainQuietly);
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warnf("recomputation failed, will retry: %s", e.getMessage());
        }
    }

    /** Recomputes every requested entity, batch by batch, each batch in its own transaction. */
    public synchronized int drain() {
        int total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::drainBatch);
            total += batch;
        } while (batch > 0);
        return total;
    }

    @SuppressWarnings("unchecked")
    private int drainBatch() {
        List<String> usccs = em.createNativeQuery("""
                        delete from recompute_request where uscc in (
                            select uscc from recompute_request order by requested_at, uscc limit ?1 for update skip locked)
                        returning uscc""")
                .setParameter(1, BATCH).getResultList();
        if (!usccs.isEmpty()) {
            recomputation.recompute(usccs, "queued");
        }
        return usccs.size();
    }

    public long pending() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from recompute_request").getSingleResult()).longValue());
    }

    void onShutdown(@Observes ShutdownEvent e) {
        wakeups.shutdownNow();
    }
}
