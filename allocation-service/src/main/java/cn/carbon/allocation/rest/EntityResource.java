package cn.carbon.allocation.rest;

import cn.carbon.allocation.entity.ComplianceRiskReason;
import cn.carbon.allocation.entity.EntityRegistry;
import cn.carbon.allocation.entity.EntityRepository;
import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.allocation.entity.EntityStatuses;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.entity.StatusChange;
import cn.carbon.allocation.entity.VisibleEntities;
import cn.carbon.allocation.issuance.SpecialIssuance;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Key emitting entities: a province registers its own, the registry any; national roles read all. A province sets
 * its own entities' status (notice §一) with the reasons, the special note and why; the history is kept. A change
 * after 核定 re-routes the verified years to the new status's final position (answered as {@code rerouted}).
 */
@Path("/api/allocation/entities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EntityResource {

    private final EntityRegistry registry;
    private final EntityStatuses statuses;
    private final VisibleEntities visible;
    private final EntityRepository entities;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final ObjectMapper json;
    private final SpecialIssuance special;

    public EntityResource(EntityRegistry registry, EntityStatuses statuses, VisibleEntities visible,
                          EntityRepository entities, IdempotentCommands idempotent, Caller caller, ObjectMapper json,
                          SpecialIssuance special) {
        this.special = special;
        this.registry = registry;
        this.statuses = statuses;
        this.visible = visible;
        this.entities = entities;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    public record EntityRequest(String uscc, String name, String provinceCode, String sector) {
    }

    public record EntityView(String uscc, String name, String provinceCode, String sector, String status,
                             List<String> reasons, String specialNote, Instant statusChangedAt, Instant registeredAt) {
        static EntityView of(KeyEmittingEntity e) {
            return new EntityView(e.uscc, e.name, e.provinceCode, e.sector, e.status.name(), e.reasons(), e.specialNote,
                    e.statusChangedAt, e.registeredAt);
        }
    }

    /** {@code reasons} ⊆ LEGAL, LITIGATION, DEBT, JUDICIAL_FREEZE, required for COMPLIANCE_RISK only. */
    public record StatusRequest(String status, List<String> reasons, String specialNote, String why) {
    }

    public record StatusChangeView(String previousStatus, String status, List<String> reasons, String specialNote,
                                   String changedBy, Instant changedAt, String why) {
        static StatusChangeView of(StatusChange c) {
            return new StatusChangeView(c.previousStatus == null ? null : c.previousStatus.name(), c.status.name(),
                    ComplianceRiskReason.split(c.reasons), c.specialNote, c.changedBy, c.changedAt, c.why);
        }
    }

    @POST
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY})
    public Response register(EntityRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey)
            throws JsonProcessingException {
        if (body == null) {
            throw ProblemException.invalid("body", "an entity is required");
        }
        if (caller.is(Role.PROVINCE)) {
            caller.provinceFilter(body.provinceCode()); // another province's entity: 404
            heldElsewhere(body);
        }
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey, json.writeValueAsString(body), () -> {
            KeyEmittingEntity e = registry.register(new EntityRegistry.Registration(body.uscc(), body.name(),
                    body.provinceCode(), body.sector()), caller.name());
            return new IdempotentCommands.Answer(201, write(EntityView.of(e)));
        });
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    /** A USCC another province holds is unknown to this one: 404 as when reading it, never "already registered". */
    private void heldElsewhere(EntityRequest body) {
        KeyEmittingEntity held = body.uscc() == null ? null : entities.findById(body.uscc());
        if (held != null && !held.provinceCode.equals(body.provinceCode())) {
            throw ProblemException.notFound("entity " + body.uscc());
        }
    }

    @GET
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public Page<EntityView> list(@QueryParam("province") String province, @QueryParam("status") String status,
                                 @QueryParam("page") @DefaultValue("0") int page,
                                 @QueryParam("size") @DefaultValue("50") int size) {
        String provinceCode = caller.provinceFilter(province);
        PanacheQuery<KeyEmittingEntity> query = entities.list(provinceCode, parseStatus(status))
                .page(Page.checkedPage(page), Page.checkedSize(size));
        return new Page<>(query.list().stream().map(EntityView::of).toList(), page, size, query.count());
    }

    @GET
    @Path("/{uscc}")
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY, Role.ENTITY})
    public EntityView get(@PathParam("uscc") String uscc) {
        return EntityView.of(visible.get(uscc));
    }

    @PUT
    @Path("/{uscc}/status")
    @Transactional
    @RolesAllowed(Role.PROVINCE)
    public Response changeStatus(@PathParam("uscc") String uscc, StatusRequest body,
                                 @HeaderParam("Idempotency-Key") String idempotencyKey) throws JsonProcessingException {
        KeyEmittingEntity e = visible.get(uscc);
        if (body == null) {
            throw ProblemException.invalid("body", "a status is required");
        }
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "status " + uscc + " " + json.writeValueAsString(body), () -> {
                    KeyEmittingEntity changed = statuses.change(e, new EntityStatuses.Change(body.status(),
                            body.reasons(), body.specialNote(), body.why()), caller.name());
                    // after 核定 the verified years move to the new status's final position, in this transaction
                    List<SpecialIssuance.Rerouted> rerouted = special.reroute(changed.uscc, caller.name());
                    com.fasterxml.jackson.databind.node.ObjectNode view = json.valueToTree(EntityView.of(changed));
                    view.set("rerouted", json.valueToTree(rerouted));
                    view.put("unmovable", SpecialIssuance.UNMOVABLE_NOTE);
                    return new IdempotentCommands.Answer(200, write(view));
                });
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{uscc}/status-history")
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY, Role.ENTITY})
    public List<StatusChangeView> statusHistory(@PathParam("uscc") String uscc) {
        visible.get(uscc);
        return statuses.history(uscc).stream().map(StatusChangeView::of).toList();
    }

    private static EntityStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return EntityStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + Arrays.toString(EntityStatus.values()));
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
