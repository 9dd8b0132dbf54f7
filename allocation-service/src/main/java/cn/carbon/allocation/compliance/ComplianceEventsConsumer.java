package cn.carbon.allocation.compliance;

import cn.carbon.allocation.carryover.CarryOvers;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * carbon.compliance.v1 → the compliance records shown in the issuance summary and the compliance notice, each event
 * applied once (Inbox); what cannot be applied goes to carbon.compliance.v1.allocation-service.dlq with its reason.
 */
@ApplicationScoped
public class ComplianceEventsConsumer {

    /** This service's name in the Inbox and in its dead-letter topic. */
    static final String CONSUMER = "allocation-service";

    private final Inbox inbox;
    private final ComplianceRecords records;
    private final CarryOvers carryOvers;
    private final Rulebooks rulebooks;

    public ComplianceEventsConsumer(Inbox inbox, ComplianceRecords records, CarryOvers carryOvers,
                                    Rulebooks rulebooks) {
        this.inbox = inbox;
        this.records = records;
        this.carryOvers = carryOvers;
        this.rulebooks = rulebooks;
    }

    @Incoming("compliance")
    @Blocking(ordered = true)
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, Topics.COMPLIANCE, batch.getRecords(), event -> {
            // ShortfallRecorded carries the same record as the ComplianceStatusChanged before it
            if (!ComplianceEvent.CHANGED.equals(event.type()) && !ComplianceEvent.SHORTFALL.equals(event.type())) {
                throw new IllegalArgumentException("unknown compliance event type " + event.type());
            }
            ComplianceEvent e = inbox.data(event, ComplianceEvent.class);
            if (records.apply(e, event)) {
                // a shortfall at the deadline is owed by the next allocation; a late compliance cancels it
                String cycle = e.cycle() != null ? e.cycle() : event.cycle();
                rulebooks.find(cycle, null).ifPresent(rb -> carryOvers.onCompliance(rb, e, event));
            }
        });
    }
}
