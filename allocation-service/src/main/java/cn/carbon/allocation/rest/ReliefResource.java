package cn.carbon.allocation.rest;

import cn.carbon.allocation.approval.Application;
import cn.carbon.allocation.approval.Decision;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.entity.VisibleEntities;
import cn.carbon.allocation.relief.ReliefApplication;
import cn.carbon.allocation.relief.ReliefApplications;
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

/** Relief (纾困): a province applies for its own entity; the ministry decides; scoped reads. */
@Path("/api/allocation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReliefResource {

    private final ReliefApplications applications;
    private final VisibleEntities entities;
    private final Rulebooks rulebooks;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Json json;
    private final EntityManager em;

    public ReliefResource(ReliefApplications applications, VisibleEntities entities, Rulebooks rulebooks,
                          IdempotentCommands idempotent, Caller caller, Json json, EntityManager em) {
        this.applications = applications;
        this.entities = entities;
        this.rulebooks = rulebooks;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
        this.em = em;
    }

    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record ApplicationView(UUID id, String cycle, String uscc, String provinceCode, int complianceYear,
                                  long requestedT, String publicServiceDuty, String reason, String status, long gapT,
                                  String rulebookId, int rulebookVersion, String appliedBy, Instant appliedAt,
                                  Long approvedT, String decidedBy, Instant decidedAt, String decisionNote) {
        static ApplicationView of(ReliefApplication r) {
            return new ApplicationView(r.id, r.cycle, r.uscc, r.provinceCode, r.complianceYear, r.requestedT,
                    r.publicServiceDuty, r.reason, r.status, r.gapT, r.rulebookId, r.rulebookVersion, r.appliedBy,
                    r.appliedAt, r.approvedT, r.decidedBy, r.decidedAt, r.decisionNote);
        }
    }

    @POST
    @Path("/cycles/{cycle}/relief-applications")
    @Transactional
    @RolesAllowed(Role.PROVINCE)
    public Response apply(@PathParam("cycle") String cycle, ReliefApplications.Request body,
                          @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.invalid("body", "an application is required");
        }
        if (body.uscc() == null || body.uscc().isBlank()) {
            throw ProblemException.invalid("uscc", "the entity the relief is for is required");
        }
        KeyEmittingEntity e = entities.get(body.uscc());
        Rulebook rb = rulebooks.current(cycle);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "relief " + cycle + " " + json.write(body), () ->
                new IdempotentCommands.Answer(201, json.write(ApplicationView.of(
                        applications.apply(rb, e, body, caller.name())))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/relief-applications/{id}/decision")
    @Transactional
    @RolesAllowed(Role.MINISTRY)
    public Response decide(@PathParam("id") String id, Decision body,
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.invalid("body", "a decision is required");
        }
        ReliefApplication r = visible(id);
        KeyEmittingEntity e = entities.get(r.uscc);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey, "relief " + id + " "
                + json.write(body), () -> new IdempotentCommands.Answer(200,
                json.write(ApplicationView.of(applications.decide(r, e, body, caller.name())))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/relief-applications/{id}")
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public ApplicationView get(@PathParam("id") String id) {
        return ApplicationView.of(visible(id));
    }

    @GET
    @Path("/cycles/{cycle}/relief-applications")
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public List<ApplicationView> list(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                                      @QueryParam("status") String status) {
        String scope = caller.provinceFilter(province == null || province.isBlank() ? null : province);
        return ReliefApplication.<ReliefApplication>list("cycle = ?1 and (?2 is null or provinceCode = ?2) "
                        + "and (?3 is null or status = ?3) order by appliedAt", cycle, scope,
                        status == null || status.isBlank() ? null : status)
                .stream().map(ApplicationView::of).toList();
    }

    private ReliefApplication visible(String id) {
        return Application.visible(em, ReliefApplication.class, id, caller);
    }
}
