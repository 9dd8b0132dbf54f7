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
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Obligations, ledger holdings, compliance records and confirmed offsets, each applied once through the Inbox; each
 * entity a batch touched is recomputed once in the batch's transaction, so its value never lags an input it has seen.
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

    @Incoming("obligations")
    @Blocking(ordered = true)
    public CompletionStage<Void> obligation(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(EventData.CONSUMER, Topics.OBLIGATIONS, batch.getRecords(),
                recomputation.onceEach(event -> {
            ObligationEvent e = data.read(event, ObligationEvent.class);
            String uscc = recomputation.lockedEntity(event, e.uscc());
            store.obligation(e);
            return uscc;
        }));
    }

    @Incoming("ledger")
    @Blocking(ordered = true)
    public CompletionStage<Void> ledger(KafkaRecordBatch<String, String> batch) {
        return ledger(batch.getRecords());
    }

    /** One poll's ledger events (also what a test hands over as one batch). */
    public CompletionStage<Void> ledger(List<? extends Message<String>> records) {
        return inbox.consumeBatch(EventData.CONSUMER, Topics.LEDGER, records,
                recomputation.onceEach(event -> {
            LedgerEvent e = data.read(event, LedgerEvent.class);
            String uscc = recomputation.lockedEntity(event, e.uscc());
            store.holdings(e);
            return uscc;
        }));
    }

    @Incoming("compliance")
    @Blocking(ordered = true)
    public CompletionStage<Void> compliance(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(EventData.CONSUMER, Topics.COMPLIANCE, batch.getRecords(),
                recomputation.onceEach(event -> {
            ComplianceEvent e = data.read(event, ComplianceEvent.class);
            String uscc = recomputation.lockedEntity(event, e.uscc());
            store.compliance(e);
            return uscc;
        }));
    }

    @Incoming("offsets")
    @Blocking(ordered = true)
    public CompletionStage<Void> offset(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(EventData.CONSUMER, Topics.OFFSETS, batch.getRecords(),
                recomputation.onceEach(event -> {
            OffsetEvent e = data.read(event, OffsetEvent.class);
            String uscc = recomputation.lockedEntity(event, e.uscc());
            store.offset(e);
            return uscc;
        }));
    }
}
