package cn.carbon.bench.season.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One step of the season: its time, what it did, and what failed (the first messages kept, all counted). */
public final class Phase {

    public final String name;
    public final long startNanos = System.nanoTime();
    public volatile long endNanos;
    public final AtomicLong done = new AtomicLong();
    public final AtomicLong failures = new AtomicLong();
    public final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    public volatile String note = "";

    public Phase(String name) {
        this.name = name;
    }

    public void fail(String message) {
        failures.incrementAndGet();
        if (messages.size() < 8) {
            messages.add(message);
        }
    }

    public void ok() {
        done.incrementAndGet();
    }

    public double seconds() {
        return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }
}
