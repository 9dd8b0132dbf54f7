package cn.carbon.surrender.directory;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.platform.messaging.TransactionEffect;
import cn.carbon.surrender.ledger.AccountOpening;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * carbon.entities.v1 → the directory and the entity's accounts, each event applied once. A batch's registrations are
 * written together before it commits (two statements, not two per event).
 */
@ApplicationScoped
public class EntityEventsConsumer {

    static final String CONSUMER = "surrender-service";

    private final Inbox inbox;
    private final AccountOpening accounts;

    public EntityEventsConsumer(Inbox inbox, AccountOpening accounts) {
        this.inbox = inbox;
        this.accounts = accounts;
    }

    @Incoming("entities")
    @Blocking(ordered = true)
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, Topics.ENTITIES, batch.getRecords(),
                TransactionEffect.collecting(event -> inbox.data(event, EntityEvent.class), accounts::onEntities));
    }
}
