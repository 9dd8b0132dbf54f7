package cn.carbon.risk.inputs;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.LedgerEvent;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.OffsetEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.risk.index.RiskRecomputation;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Obligations, ledger holdings, compliance records and confirmed offsets, each applied once through the Inbox; the
 * entity's index is recomputed in the same transaction, so its value never lags an input it has seen.
 */
@ApplicationScoped
public class InputEventsConsumer {

    private final Inbox inbox;
    private final EventData data;
    private final InputsStore store;
    private final RiskRecomputation recomputation;

    public InputEventsConsumer(Inbox inbox, EventData data, InputsStore store, RiskRecomputation recomputation) {
        this.inbox = inbox;
        this.data = data;
        this.store = store;
        this.recomputation = recomputation;
    }

    private void lock(String uscc) {
        if (uscc == null) {
            throw new IllegalArgumentException("event without uscc");
        }
        recomputation.lock(java.util.List.of(uscc));
    }

    @Incoming("obligations")
    @Blocking(ordered = true)
    public void obligation(String payload) {
        inbox.consume(EventData.CONSUMER, Topics.OBLIGATIONS, payload, event -> {
            ObligationEvent e = data.read(event, ObligationEvent.class);
            lock(e.uscc());
            store.obligation(e);
            recomputation.recompute(e.uscc(), event.type());
        });
    }

    @Incoming("ledger")
    @Blocking(ordered = true)
    public void ledger(String payload) {
        inbox.consume(EventData.CONSUMER, Topics.LEDGER, payload, event -> {
            LedgerEvent e = data.read(event, LedgerEvent.class);
            lock(e.uscc());
            store.holdings(e);
            recomputation.recompute(e.uscc(), event.type());
        });
    }

    @Incoming("compliance")
    @Blocking(ordered = true)
    public void compliance(String payload) {
        inbox.consume(EventData.CONSUMER, Topics.COMPLIANCE, payload, event -> {
            ComplianceEvent e = data.read(event, ComplianceEvent.class);
            lock(e.uscc());
            store.compliance(e);
            recomputation.recompute(e.uscc(), event.type());
        });
    }

    @Incoming("offsets")
    @Blocking(ordered = true)
    public void offset(String payload) {
        inbox.consume(EventData.CONSUMER, Topics.OFFSETS, payload, event -> {
            OffsetEvent e = data.read(event, OffsetEvent.class);
            lock(e.uscc());
            store.offset(e);
            recomputation.recompute(e.uscc(), event.type());
        });
    }
}
