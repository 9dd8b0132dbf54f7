package cn.carbon.platform.rulebook;

import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * carbon.rulebooks.v1 → {@link PublishedRulebooks}, once per event (the inbox), in every service that applies the
 * rules allocation-service publishes (build property {@code carbon.rulebooks.applied=true}, channel {@code rulebooks}).
 */
@ApplicationScoped
@IfBuildProperty(name = "carbon.rulebooks.applied", stringValue = "true")
public class RulebookConsumer {

    private final Inbox inbox;
    private final PublishedRulebooks rulebooks;
    private final String consumer;

    public RulebookConsumer(Inbox inbox, PublishedRulebooks rulebooks,
                            @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.inbox = inbox;
        this.rulebooks = rulebooks;
        this.consumer = consumer;
    }

    @Incoming("rulebooks")
    @Blocking(ordered = true)
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(consumer, Topics.RULEBOOKS, batch.getRecords(), rulebooks::apply);
    }
}
