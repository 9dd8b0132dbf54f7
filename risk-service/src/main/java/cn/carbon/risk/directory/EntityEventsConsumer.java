package cn.carbon.risk.directory;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.directory.EntityDirectory;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.risk.index.RiskRecomputation;
import cn.carbon.risk.inputs.EventData;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;


/** carbon.entities.v1 → the directory (province, special status); each entity's index is recomputed once per batch. */
@ApplicationScoped
public class EntityEventsConsumer {

    private final Inbox inbox;
    private final EventData data;
    private final RiskRecomputation recomputation;
    private final EntityDirectory directory;

    public EntityEventsConsumer(Inbox inbox, EventData data, RiskRecomputation recomputation,
                                EntityDirectory directory) {
        this.inbox = inbox;
        this.data = data;
        this.recomputation = recomputation;
        this.directory = directory;
    }

    @Incoming("entities")
    @Blocking(ordered = true)
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(EventData.CONSUMER, Topics.ENTITIES, batch.getRecords(),
                recomputation.onceEach(event -> {
            EntityEvent e = data.read(event, EntityEvent.class);
            if (e.uscc() != null) {
                recomputation.lockedEntity(event, e.uscc());
            }
            directory.record(e);
            return e.uscc();
        }));
    }
}
