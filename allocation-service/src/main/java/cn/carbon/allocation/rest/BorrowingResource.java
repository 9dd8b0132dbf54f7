package cn.carbon.allocation.rest;

import cn.carbon.allocation.approval.Application;
import cn.carbon.allocation.approval.Decision;
import cn.carbon.allocation.borrowing.BorrowingApplication;
import cn.carbon.allocation.borrowing.BorrowingApplications;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.entity.VisibleEntities;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Borrowing (预支): an entity applies for itself; its province decides; scoped reads. */
@Path("/api/allocation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BorrowingResource {

    private final BorrowingApplications applications;
    private final VisibleEntities entities;
    private final Rulebooks rulebooks;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Json json;
    private final EntityManager em;

    public BorrowingResource(BorrowingApplications applications, VisibleEntities entities, Rulebooks rulebooks,
                             IdempotentCommands idempotent, Caller caller, Json json, EntityManager em) {
        this.applications = applications;
        this.entities = entities;
        this.rulebooks = rulebooks;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
        this.em = em;
    }

    /** {@code uscc} may be left out: it is the caller's own entity. */
    public record ApplicationRequest(String uscc, Integer complianceYear, Long quantityT, String reason) {
    }

    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record ApplicationView(UUID id, String cycle, String uscc, String provinceCode, int complianceYear,
                                  long requestedT, String reason, String status, long gapT, long ceilingT,
                                  String sourceVintage, String rulebookId, int rulebookVersion, String appliedBy,
                                  Instant appliedAt, Long approvedT, String decidedBy, Instant decidedAt,
                                  String decisionNote) {
        static ApplicationView of(BorrowingApplication b) {
            return new ApplicationView(b.id, b.cycle, b.uscc, b.provinceCode, b.complianceYear, b.requestedT, b.reason,
                    b.status, b.gapT, b.ceilingT, b.sourceVintage, b.rulebookId, b.rulebookVersion, b.appliedBy,
                    b.appliedAt, b.approvedT, b.decidedBy, b.decidedAt, b.decisionNote);
        }
    }

    @POST
    @Path("/cycles/{cycle}/borrowing-applications")
    @Transactional
    @RolesAllowed(Role.ENTITY)
    public Response apply(@PathParam("cycle") String cycle, ApplicationRequest body,
                          @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.invalid("body", "an application is required");
        }
        String uscc = body.uscc() == null || body.uscc().isBlank() ? caller.entityId().orElse(null) : body.uscc();
        KeyEmittingEntity e = entities.get(uscc);
        Rulebook rb = rulebooks.current(cycle);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "borrowing " + cycle + " " + uscc + " " + json.write(body), () ->
                new IdempotentCommands.Answer(201, json.write(ApplicationView.of(applications.apply(rb, e,
                        new BorrowingApplications.Request(body.complianceYear(), body.quantityT(), body.reason()),
                        caller.name())))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/borrowing-applications/{id}/decision")
    @Transactional
    @RolesAllowed(Role.PROVINCE)
    public Response decide(@PathParam("id") String id, Decision body,
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.invalid("body", "a decision is required");
        }
        BorrowingApplication b = visible(id);
        KeyEmittingEntity e = entities.get(b.uscc);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey, "borrowing " + id + " "
                + json.write(body), () -> new IdempotentCommands.Answer(200,
                json.write(ApplicationView.of(applications.decide(b, e, body, caller.name())))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/borrowing-applications/{id}")
    @Transactional
    @RolesAllowed({Role.ENTITY, Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public ApplicationView get(@PathParam("id") String id) {
        return ApplicationView.of(visible(id));
    }

    @GET
    @Path("/cycles/{cycle}/borrowing-applications")
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public List<ApplicationView> list(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                                      @QueryParam("status") String status) {
        String scope = caller.provinceFilter(province == null || province.isBlank() ? null : province);
        return BorrowingApplication.<BorrowingApplication>list("cycle = ?1 and (?2 is null or provinceCode = ?2) "
                        + "and (?3 is null or status = ?3) order by appliedAt", cycle, scope,
                        status == null || status.isBlank() ? null : status)
                .stream().map(ApplicationView::of).toList();
    }

    private BorrowingApplication visible(String id) {
        return Application.visible(em, BorrowingApplication.class, id, caller);
    }
}
