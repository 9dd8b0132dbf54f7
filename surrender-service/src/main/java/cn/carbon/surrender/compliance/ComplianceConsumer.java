package cn.carbon.surrender.compliance;

import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.OffsetEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.surrender.ledger.AccountOpening;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * carbon.obligations.v1 (each year's obligation, or its exemption) and carbon.offsets.v1 (confirmed CCER offsets,
 * credited once per application) into the compliance records; unusable messages go to the dead-letter queues.
 */
@ApplicationScoped
public class ComplianceConsumer {

    static final String CONSUMER = "surrender-service";

    private final Inbox inbox;
    private final ComplianceCredits credits;

    private final AccountOpening accounts;

    public ComplianceConsumer(Inbox inbox, ComplianceCredits credits, AccountOpening accounts) {
        this.inbox = inbox;
        this.credits = credits;
        this.accounts = accounts;
    }

    @Incoming("obligations")
    @Blocking(ordered = true)
    public CompletionStage<Void> onObligation(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, Topics.OBLIGATIONS, batch.getRecords(), event -> {
            if (!ObligationEvent.SET.equals(event.type())) {
                throw new IllegalArgumentException("unknown obligation event type " + event.type());
            }
            ObligationEvent o = inbox.data(event, ObligationEvent.class);
            if (o.uscc() == null) {
                throw new IllegalArgumentException("obligation event lacks uscc");
            }
            accounts.ensureKnown(o.uscc(), o.provinceCode());
            credits.setObligation(o.uscc(), o.complianceYear(), o.obligationT(), o.exempt());
        });
    }

    @Incoming("offsets")
    @Blocking(ordered = true)
    public CompletionStage<Void> onOffset(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, Topics.OFFSETS, batch.getRecords(), event -> {
            if (!OffsetEvent.CONFIRMED.equals(event.type())) {
                throw new IllegalArgumentException("unknown offset event type " + event.type());
            }
            OffsetEvent o = inbox.data(event, OffsetEvent.class);
            if (o.uscc() == null) {
                throw new IllegalArgumentException("offset event lacks uscc");
            }
            accounts.ensureKnown(o.uscc(), o.provinceCode());
            credits.creditOffset(o.applicationId(), o.uscc(), o.complianceYear(), o.quantityT(),
                    o.confirmedBy() == null ? event.source() : o.confirmedBy());
        });
    }

}
