package cn.carbon.platform.messaging;

import cn.carbon.contracts.EventEnvelope;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a consumer does to the events of one inbox transaction (a whole batch, or one event when a batch is taken
 * apart to isolate a poison message): each new event's effect, then once, before the commit, the work those events
 * have in common (risk-service recomputes each entity a batch touched once, not once per event). A fresh instance per
 * transaction, so a batch that was rolled back leaves nothing behind for the retries.
 */
public interface TransactionEffect {

    /** The effect of one event not applied before (its inbox row is written in the same transaction). */
    void apply(EventEnvelope event);

    /** After the transaction's last event, inside it; not called when the transaction fails before it. */
    default void beforeCommit() {
    }

    /**
     * Each event read as it arrives (an unreadable one fails there), and all of the transaction's written together
     * before the commit, in the order received: {@code write} is one statement for a batch, not one per event.
     */
    static <T> Supplier<TransactionEffect> collecting(Function<EventEnvelope, T> read, Consumer<List<T>> write) {
        return () -> new TransactionEffect() {
            private final List<T> values = new ArrayList<>();

            @Override
            public void apply(EventEnvelope event) {
                values.add(read.apply(event));
            }

            @Override
            public void beforeCommit() {
                write.accept(values);
            }
        };
    }

    /** An effect that is only per event. */
    static TransactionEffect each(Consumer<EventEnvelope> effect) {
        return effect::accept;
    }
}
