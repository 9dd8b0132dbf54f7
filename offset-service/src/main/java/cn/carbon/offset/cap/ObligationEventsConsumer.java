package cn.carbon.offset.cap;

import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.directory.EntityEventsConsumer;
import cn.carbon.platform.messaging.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/** carbon.obligations.v1 → the obligation per entity and year, each event applied once; poison to the DLQ. */
@ApplicationScoped
public class ObligationEventsConsumer {

    private final Inbox inbox;
    private final ObligationBook obligations;

    public ObligationEventsConsumer(Inbox inbox, ObligationBook obligations) {
        this.inbox = inbox;
        this.obligations = obligations;
    }

    @Incoming("obligations")
    @Blocking(ordered = true)
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(EntityEventsConsumer.CONSUMER, Topics.OBLIGATIONS, batch.getRecords(), event -> {
            if (!ObligationEvent.SET.equals(event.type())) {
                throw new IllegalArgumentException("unknown obligation event type " + event.type());
            }
            obligations.onObligation(inbox.data(event, ObligationEvent.class));
        });
    }
}
