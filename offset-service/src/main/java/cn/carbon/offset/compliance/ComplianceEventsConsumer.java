package cn.carbon.offset.compliance;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.directory.EntityEventsConsumer;
import cn.carbon.platform.messaging.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * carbon.compliance.v1 → what each entity surrendered per year, each event applied once (Inbox); what cannot be
 * applied goes to carbon.compliance.v1.offset-service.dlq with its reason.
 */
@ApplicationScoped
public class ComplianceEventsConsumer {

    private final Inbox inbox;
    private final CompliancePositions positions;

    public ComplianceEventsConsumer(Inbox inbox, CompliancePositions positions) {
        this.inbox = inbox;
        this.positions = positions;
    }

    @Incoming("compliance")
    @Blocking(ordered = true)
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(EntityEventsConsumer.CONSUMER, Topics.COMPLIANCE, batch.getRecords(), event -> {
            // ShortfallRecorded carries the same record as the ComplianceStatusChanged before it
            if (!ComplianceEvent.CHANGED.equals(event.type()) && !ComplianceEvent.SHORTFALL.equals(event.type())) {
                throw new IllegalArgumentException("unknown compliance event type " + event.type());
            }
            positions.apply(inbox.data(event, ComplianceEvent.class), event);
        });
    }
}
