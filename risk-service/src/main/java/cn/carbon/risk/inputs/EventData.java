package cn.carbon.risk.inputs;

import cn.carbon.contracts.EventEnvelope;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads an envelope's data as its contract record; unreadable data is refused (the Inbox dead-letters it). */
@ApplicationScoped
public class EventData {

    /** This service's name in the Inbox and in its dead-letter topics. */
    public static final String CONSUMER = "risk-service";

    private final ObjectMapper json;

    public EventData(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(EventEnvelope event, Class<T> type) {
        try {
            return json.treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(event.type() + " data unreadable as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
