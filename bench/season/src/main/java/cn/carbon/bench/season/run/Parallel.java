package cn.carbon.bench.season.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs one action per item on a fixed pool and waits for all; a failed item is recorded, the others go on. */
public final class Parallel implements AutoCloseable {

    private final ExecutorService pool;
    private final int threads;

    public Parallel(int threads) {
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "season-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    public <T> void each(Collection<T> items, Phase phase, Consumer<T> action) {
        List<Future<?>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> {
                try {
                    action.accept(item);
                } catch (RuntimeException e) {
                    phase.fail(item + ": " + e.getMessage());
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                phase.fail(String.valueOf(e.getCause()));
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
