package cn.carbon.risk.directory;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.risk.index.RiskRecomputation;
import cn.carbon.risk.inputs.EventData;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/** carbon.entities.v1 → the directory (province, special status); the entity's index is recomputed. */
@ApplicationScoped
public class EntityEventsConsumer {

    private final Inbox inbox;
    private final EventData data;
    private final RiskRecomputation recomputation;

    public EntityEventsConsumer(Inbox inbox, EventData data, RiskRecomputation recomputation) {
        this.inbox = inbox;
        this.data = data;
        this.recomputation = recomputation;
    }

    @Incoming("entities")
    @Blocking(ordered = true)
    public void on(String payload) {
        inbox.consume(EventData.CONSUMER, Topics.ENTITIES, payload, event -> {
            EntityEvent e = data.read(event, EntityEvent.class);
            if (e.uscc() == null || e.provinceCode() == null || e.name() == null || e.status() == null) {
                throw new IllegalArgumentException("entity event lacks uscc, name, provinceCode or status");
            }
            recomputation.lock(java.util.List.of(e.uscc()));
            KnownEntity known = KnownEntity.findById(e.uscc());
            if (known == null) {
                known = new KnownEntity();
                known.uscc = e.uscc();
            }
            known.name = e.name();
            known.provinceCode = e.provinceCode();
            known.status = e.status();
            known.updatedAt = Instant.now();
            known.persist();
            recomputation.recompute(e.uscc(), event.type());
        });
    }
}
