package cn.carbon.allocation.messaging;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.allocation.support.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.PreparedStatement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outbox for the thousands of events of one chunk of a run: the same rows as {@link Outbox#publish} (table
 * {@code outbox_event}, same columns, the envelope as JSON, keyed by the subject), written in the caller's
 * transaction as one JDBC batch, and one relay wake-up per topic instead of one per event. {@link Outbox} has no
 * batch form yet (a national run writes ~13,000 events); single events elsewhere still go through
 * {@link Outbox#publish}.
 */
@ApplicationScoped
public class OutboxBatch {

    /** One event for one topic. */
    public record Entry(String topic, EventEnvelope event) {
    }

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Event<Outbox.OutboxWritten> written;

    public OutboxBatch(Jdbc jdbc, ObjectMapper json, Event<Outbox.OutboxWritten> written) {
        this.jdbc = jdbc;
        this.json = json;
        this.written = written;
    }

    /** Must run inside the transaction of the change, like {@link Outbox#publish}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into outbox_event (id, topic, message_key, payload) "
                    + "values (?, ?, ?, cast(? as jsonb))")) {
                for (Entry e : entries) {
                    ps.setObject(1, e.event().id());
                    ps.setString(2, e.topic());
                    ps.setString(3, e.event().subject());
                    ps.setString(4, write(e.event()));
                    ps.addBatch();
                    topics.add(e.topic());
                }
                ps.executeBatch();
            }
            return null;
        });
        // observed after commit only: wakes the relay once for the whole batch
        topics.forEach(t -> written.fire(new Outbox.OutboxWritten(t)));
    }

    private String write(EventEnvelope event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " cannot be written as JSON", e);
        }
    }
}
