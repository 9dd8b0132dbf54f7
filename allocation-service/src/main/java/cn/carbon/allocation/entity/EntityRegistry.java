package cn.carbon.allocation.entity;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Registers key emitting entities and tells the other services (carbon.entities.v1) in the same transaction. */
@ApplicationScoped
public class EntityRegistry {

    static final String SOURCE = "allocation-service";

    private final EntityRepository entities;
    private final Outbox outbox;
    private final ObjectMapper json;

    public EntityRegistry(EntityRepository entities, Outbox outbox, ObjectMapper json) {
        this.entities = entities;
        this.outbox = outbox;
        this.json = json;
    }

    public record Registration(String uscc, String name, String provinceCode, String sector) {
    }

    @Transactional
    public KeyEmittingEntity register(Registration r, String registeredBy) {
        validate(r);
        if (entities.findById(r.uscc()) != null) {
            throw ProblemException.conflict("entity-exists", "Entity already registered",
                    "an entity with USCC " + r.uscc() + " is already registered");
        }
        KeyEmittingEntity e = new KeyEmittingEntity();
        e.uscc = r.uscc();
        e.name = r.name().strip();
        e.provinceCode = r.provinceCode();
        e.sector = r.sector() == null || r.sector().isBlank() ? "POWER" : r.sector().strip();
        e.status = EntityStatus.OPERATING;
        e.registeredAt = Instant.now();
        e.registeredBy = registeredBy;
        entities.persist(e);
        outbox.publish(Topics.ENTITIES, EventEnvelope.of(EntityEvent.REGISTERED, SOURCE, e.uscc, null,
                json.valueToTree(toEvent(e))));
        return e;
    }

    static EntityEvent toEvent(KeyEmittingEntity e) {
        return new EntityEvent(e.uscc, e.name, e.provinceCode, e.sector, e.status.name());
    }

    private static void validate(Registration r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Uscc.problem(r.uscc()).ifPresent(p -> errors.add(Problem.FieldError.field("uscc", p)));
        if (r.name() == null || r.name().isBlank()) {
            errors.add(Problem.FieldError.field("name", "is required"));
        } else if (r.name().length() > 200) {
            errors.add(Problem.FieldError.field("name", "at most 200 characters"));
        }
        if (!ProvinceCodes.isProvince(r.provinceCode())) {
            errors.add(Problem.FieldError.field("provinceCode", "must be a provincial GB/T 2260 code such as 320000"));
        }
        if (r.sector() != null && r.sector().length() > 50) {
            errors.add(Problem.FieldError.field("sector", "at most 50 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
