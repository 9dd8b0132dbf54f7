package cn.carbon.risk.inputs;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads an envelope's data as its contract record; unreadable data is refused (the Inbox dead-letters it). */
@ApplicationScoped
public class EventData {

    /** This service's name in the Inbox and in its dead-letter topics. */
    public static final String CONSUMER = "risk-service";

    private final Inbox inbox;

    public EventData(Inbox inbox) {
        this.inbox = inbox;
    }

    public <T> T read(EventEnvelope event, Class<T> type) {
        return inbox.data(event, type);
    }
}
