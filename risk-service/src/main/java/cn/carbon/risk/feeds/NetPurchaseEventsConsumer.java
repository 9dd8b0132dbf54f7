package cn.carbon.risk.feeds;

import cn.carbon.contracts.NetPurchaseEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.risk.inputs.EventData;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/** carbon.exchange.net-purchases.v1 → {@link FeedAssembly}, each record applied once. */
@ApplicationScoped
public class NetPurchaseEventsConsumer {

    private final Inbox inbox;
    private final EventData data;
    private final FeedAssembly assembly;

    public NetPurchaseEventsConsumer(Inbox inbox, EventData data, FeedAssembly assembly) {
        this.inbox = inbox;
        this.data = data;
        this.assembly = assembly;
    }

    @Incoming("net-purchases")
    @Blocking(ordered = true)
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(EventData.CONSUMER, Topics.EXCHANGE_NET_PURCHASES, batch.getRecords(),
                event -> assembly.accept(data.read(event, NetPurchaseEvent.class)));
    }
}
