package cn.carbon.offset.cap;

import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.directory.EntityEventsConsumer;
import cn.carbon.platform.messaging.Inbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** carbon.obligations.v1 → the obligation per entity and year, each event applied once; poison to the DLQ. */
@ApplicationScoped
public class ObligationEventsConsumer {

    private final Inbox inbox;
    private final ObligationBook obligations;
    private final ObjectMapper json;

    public ObligationEventsConsumer(Inbox inbox, ObligationBook obligations, ObjectMapper json) {
        this.inbox = inbox;
        this.obligations = obligations;
        this.json = json;
    }

    @Incoming("obligations")
    @Blocking(ordered = true)
    public void on(String payload) {
        inbox.consume(EntityEventsConsumer.CONSUMER, Topics.OBLIGATIONS, payload, event -> {
            if (!ObligationEvent.SET.equals(event.type())) {
                throw new IllegalArgumentException("unknown obligation event type " + event.type());
            }
            try {
                obligations.onObligation(json.treeToValue(event.data(), ObligationEvent.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("obligation event data unreadable: " + e.getOriginalMessage(), e);
            }
        });
    }
}
