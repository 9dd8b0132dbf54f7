package cn.carbon.surrender.ledger;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.BorrowingEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * carbon.allocations.v1 (issue, claw-back) and carbon.borrowing.v1 (approved advances) into the ledger, each event
 * applied once (Inbox) and each instruction or application posted once (its reference); what cannot be applied goes
 * to the topic's dead-letter queue with its reason.
 */
@ApplicationScoped
public class AllocationsConsumer {

    static final String CONSUMER = "surrender-service";

    private final Inbox inbox;
    private final Inflows inflows;
    private final AccountOpening accounts;

    public AllocationsConsumer(Inbox inbox, Inflows inflows, AccountOpening accounts) {
        this.inbox = inbox;
        this.inflows = inflows;
        this.accounts = accounts;
    }

    @Incoming("allocations")
    @Blocking(ordered = true)
    public CompletionStage<Void> onAllocation(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, Topics.ALLOCATIONS, batch.getRecords(), event -> {
            AllocationInstruction i = inbox.data(event, AllocationInstruction.class);
            accounts.ensureKnown(i.uscc(), i.provinceCode());
            switch (event.type()) {
                case AllocationInstruction.ISSUE -> inflows.issue(i.instructionId(), i.uscc(), i.destination(),
                        i.complianceYear(), i.vintage(), i.quantityT(), event.source());
                case AllocationInstruction.CLAW_BACK -> inflows.clawBack(i.instructionId(), i.uscc(), i.destination(),
                        i.complianceYear(), i.vintage(), i.quantityT(), event.source());
                default -> throw new IllegalArgumentException("unknown allocation event type " + event.type());
            }
        });
    }

    @Incoming("borrowing")
    @Blocking(ordered = true)
    public CompletionStage<Void> onBorrowing(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, Topics.BORROWING, batch.getRecords(), event -> {
            if (!BorrowingEvent.APPROVED.equals(event.type())) {
                throw new IllegalArgumentException("unknown borrowing event type " + event.type());
            }
            BorrowingEvent b = inbox.data(event, BorrowingEvent.class);
            accounts.ensureKnown(b.uscc(), b.provinceCode());
            inflows.borrow(b.applicationId(), b.uscc(), b.complianceYear(), b.vintage(), b.quantityT(),
                    b.decidedBy() == null ? event.source() : b.decidedBy());
        });
    }

}
