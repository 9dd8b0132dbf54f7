package cn.carbon.allocation.entity;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An entity's status for issuance (notice §一): OPERATING, FACILITIES_CLOSED, COMPLIANCE_RISK with its reasons,
 * DISSOLVED; with the province's special note (特殊说明). Every change is kept with who, when and why, and told to
 * the other services (carbon.entities.v1, EntityStatusChanged) in the same transaction. A dissolved entity (licence
 * cancelled) does not come back.
 */
@ApplicationScoped
public class EntityStatuses {

    static final int MAX_TEXT = 2000;

    private final EntityRepository entities;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public EntityStatuses(EntityRepository entities, Outbox outbox, ObjectMapper json, Clock clock) {
        this.entities = entities;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** A requested change; {@code reasons} only (and at least one) for COMPLIANCE_RISK. */
    public record Change(String status, List<String> reasons, String specialNote, String why) {
    }

    /** Applies a change to an entity the caller may act on (checked by the caller). */
    @Transactional(Transactional.TxType.MANDATORY)
    public KeyEmittingEntity change(KeyEmittingEntity entity, Change change, String changedBy) {
        Valid v = validate(change);
        KeyEmittingEntity e = entities.findById(entity.uscc, LockModeType.PESSIMISTIC_WRITE);
        if (e.status == EntityStatus.DISSOLVED && v.status != EntityStatus.DISSOLVED) {
            throw ProblemException.conflict("entity-dissolved", "Entity dissolved",
                    "entity " + e.uscc + " is DISSOLVED (licence cancelled); its status cannot change back");
        }
        StatusChange record = new StatusChange();
        record.uscc = e.uscc;
        record.previousStatus = e.status;
        record.status = v.status;
        record.reasons = v.reasons;
        record.specialNote = v.specialNote;
        record.changedBy = changedBy;
        record.changedAt = clock.instant();
        record.why = v.why;
        record.persist();

        e.status = v.status;
        e.statusReasons = v.reasons;
        e.specialNote = v.specialNote;
        e.statusChangedAt = record.changedAt;
        outbox.publish(Topics.ENTITIES, EventEnvelope.of(EntityEvent.STATUS_CHANGED, EntityRegistry.SOURCE, e.uscc, null,
                json.valueToTree(EntityRegistry.toEvent(e))));
        return e;
    }

    /** The entity's status history, oldest first. */
    @Transactional
    public List<StatusChange> history(String uscc) {
        return StatusChange.list("uscc = ?1 order by id", uscc);
    }

    private record Valid(EntityStatus status, String reasons, String specialNote, String why) {
    }

    private static Valid validate(Change c) {
        List<Problem.FieldError> errors = new ArrayList<>();
        EntityStatus status = null;
        if (c.status() == null || c.status().isBlank()) {
            errors.add(Problem.FieldError.field("status", "is required"));
        } else {
            try {
                status = EntityStatus.valueOf(c.status());
            } catch (IllegalArgumentException e) {
                errors.add(Problem.FieldError.field("status", "must be one of " + List.of(EntityStatus.values())));
            }
        }
        Set<ComplianceRiskReason> reasons = EnumSet.noneOf(ComplianceRiskReason.class);
        List<String> given = c.reasons() == null ? List.of() : c.reasons();
        for (String r : given) {
            try {
                reasons.add(ComplianceRiskReason.valueOf(r));
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.add(Problem.FieldError.field("reasons", "'" + r + "' is not one of "
                        + List.of(ComplianceRiskReason.values())));
            }
        }
        if (status == EntityStatus.COMPLIANCE_RISK && given.isEmpty()) {
            errors.add(Problem.FieldError.field("reasons", "at least one reason is required for COMPLIANCE_RISK"));
        }
        if (status != null && status != EntityStatus.COMPLIANCE_RISK && !given.isEmpty()) {
            errors.add(Problem.FieldError.field("reasons", "only a COMPLIANCE_RISK status has reasons"));
        }
        String note = blankToNull(c.specialNote());
        if (note != null && note.length() > MAX_TEXT) {
            errors.add(Problem.FieldError.field("specialNote", "at most " + MAX_TEXT + " characters"));
        }
        String why = blankToNull(c.why());
        if (why == null) {
            errors.add(Problem.FieldError.field("why", "is required: the history records why the status changed"));
        } else if (why.length() > MAX_TEXT) {
            errors.add(Problem.FieldError.field("why", "at most " + MAX_TEXT + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String joined = reasons.isEmpty() ? null
                : reasons.stream().map(Enum::name).collect(Collectors.joining(","));
        return new Valid(status, joined, note, why);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
