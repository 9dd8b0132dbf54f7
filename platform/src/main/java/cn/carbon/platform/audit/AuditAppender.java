package cn.carbon.platform.audit;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The single appender of the audit chain (group commit). Commands hand their entries over and wait; one thread
 * chains whatever has queued up in one transaction, so concurrent commands no longer queue one by one on the chain's
 * lock, and the chain is exactly what one writer would have written (verified the same way). A command is answered
 * only once its entry committed, as before.
 */
final class AuditAppender {

    private static final Logger LOG = Logger.getLogger(AuditAppender.class);
    static final int MAX_BATCH = 500;
    private static final long WAIT_SECONDS = 30;

    private record Pending(AuditTrail.Entry entry, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Consumer<List<AuditTrail.Entry>> chain;
    private volatile Thread thread;
    private volatile boolean running = true;

    /** @param chain appends the entries, in order, in one transaction (or throws, appending none) */
    AuditAppender(Consumer<List<AuditTrail.Entry>> chain) {
        this.chain = chain;
    }

    /** Returns once the entry is in the chain; throws if it could not be appended. */
    void append(AuditTrail.Entry entry) {
        if (!running) {
            throw new IllegalStateException("the audit appender is stopped");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(entry, done));
        start();
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the audit entry was not appended within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized void start() {
        if (thread == null && running) {
            thread = new Thread(this::run, "audit-appender");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                appendAll(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void appendAll(List<Pending> batch) {
        try {
            chain.accept(batch.stream().map(Pending::entry).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            LOG.warnf("appending %d audit entries failed: %s", batch.size(), e.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** Appends what is queued, then stops. */
    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
