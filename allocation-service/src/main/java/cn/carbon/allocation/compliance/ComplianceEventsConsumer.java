package cn.carbon.allocation.compliance;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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

    public ComplianceEventsConsumer(Inbox inbox, ComplianceRecords records) {
        this.inbox = inbox;
        this.records = records;
    }

    @Incoming("compliance")
    @Blocking(ordered = true)
    public void on(String payload) {
        inbox.consume(CONSUMER, Topics.COMPLIANCE, payload, event -> {
            // ShortfallRecorded carries the same record as the ComplianceStatusChanged before it
            if (!ComplianceEvent.CHANGED.equals(event.type()) && !ComplianceEvent.SHORTFALL.equals(event.type())) {
                throw new IllegalArgumentException("unknown compliance event type " + event.type());
            }
            records.apply(inbox.data(event, ComplianceEvent.class), event);
        });
    }
}
