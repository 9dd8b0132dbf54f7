package cn.carbon.offset.directory;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.directory.EntityDirectory;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.platform.messaging.TransactionEffect;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * carbon.entities.v1 → the directory, each event applied once; poison goes to the dead-letter topic. A batch's
 * registrations are written in one statement before it commits.
 */
@ApplicationScoped
public class EntityEventsConsumer {

    public static final String CONSUMER = "offset-service";

    private final Inbox inbox;
    private final EntityDirectory directory;

    public EntityEventsConsumer(Inbox inbox, EntityDirectory directory) {
        this.inbox = inbox;
        this.directory = directory;
    }

    @Incoming("entities")
    @Blocking(ordered = true)
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, Topics.ENTITIES, batch.getRecords(),
                TransactionEffect.collecting(event -> inbox.data(event, EntityEvent.class), directory::recordAll));
    }
}
