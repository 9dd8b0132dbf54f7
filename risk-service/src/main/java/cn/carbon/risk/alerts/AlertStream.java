package cn.carbon.risk.alerts;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.function.Predicate;

/**
 * The live feed behind GET /api/risk/alerts/stream: every alert of this instance, after its transaction committed
 * (a rolled-back value never reaches a screen). Each subscriber sees only what its scope allows.
 */
@ApplicationScoped
public class AlertStream {

    private final BroadcastProcessor<AlertView> processor = BroadcastProcessor.create();

    void onRaised(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertView alert) {
        processor.onNext(alert);
    }

    public Multi<AlertView> subscribe(Predicate<AlertView> visible) {
        return processor.filter(visible).onOverflow().drop();
    }
}
