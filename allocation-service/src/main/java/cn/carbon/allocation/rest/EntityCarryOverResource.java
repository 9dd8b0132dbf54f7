package cn.carbon.allocation.rest;

import cn.carbon.allocation.carryover.CarryOvers;
import cn.carbon.allocation.carryover.PenaltyCases;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.entity.VisibleEntities;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.contracts.CarryOverStatement;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * One entity's carry-over statement (what its next allocation owes) and the penalty case of an entity-year with a
 * shortfall at the deadline (责令限期改正, 罚款), recorded by the province.
 */
@Path("/api/allocation/cycles/{cycle}/entities/{uscc}")
public class EntityCarryOverResource {

    private final Rulebooks rulebooks;
    private final VisibleEntities entities;
    private final CarryOvers carryOvers;
    private final PenaltyCases penalties;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Json json;

    public EntityCarryOverResource(Rulebooks rulebooks, VisibleEntities entities, CarryOvers carryOvers,
                                   PenaltyCases penalties, IdempotentCommands idempotent, Caller caller, Json json) {
        this.rulebooks = rulebooks;
        this.entities = entities;
        this.carryOvers = carryOvers;
        this.penalties = penalties;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    /** The entity's statement with its penalty cases. */
    public record EntityCarryOver(String uscc, String name, String provinceCode, CarryOverStatement statement,
                                  List<PenaltyCases.PenaltyCase> penaltyCases) {
    }

    @GET
    @Path("/carry-over")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY, Role.ENTITY})
    public EntityCarryOver entity(@PathParam("cycle") String cycle, @PathParam("uscc") String uscc) {
        Rulebook rb = rulebooks.current(cycle);
        KeyEmittingEntity e = entities.get(uscc);
        return new EntityCarryOver(e.uscc, e.name, e.provinceCode, carryOvers.statement(rb, e.uscc),
                penalties.of(rb.cycle(), e.uscc));
    }

    @GET
    @Path("/penalty-case")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY, Role.ENTITY})
    public List<PenaltyCases.PenaltyCase> penaltyCase(@PathParam("cycle") String cycle,
                                                      @PathParam("uscc") String uscc) {
        Rulebook rb = rulebooks.current(cycle);
        return penalties.of(rb.cycle(), entities.get(uscc).uscc);
    }

    @POST
    @Path("/penalty-case/correction-order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed(Role.PROVINCE)
    public Response correctionOrder(@PathParam("cycle") String cycle, @PathParam("uscc") String uscc,
                                    PenaltyCases.CorrectionOrderRequest body,
                                    @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Rulebook rb = rulebooks.current(cycle);
        KeyEmittingEntity e = entities.get(uscc);
        PenaltyCases.CorrectionOrderRequest r = body != null ? body
                : new PenaltyCases.CorrectionOrderRequest(null, null, null);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "correction-order " + cycle + " " + uscc + " " + json.write(r), () -> new IdempotentCommands.Answer(
                        200, json.write(penalties.orderCorrection(rb, e, r, caller.name()))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/penalty-case/fine")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed(Role.PROVINCE)
    public Response fine(@PathParam("cycle") String cycle, @PathParam("uscc") String uscc,
                         PenaltyCases.FineRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Rulebook rb = rulebooks.current(cycle);
        KeyEmittingEntity e = entities.get(uscc);
        PenaltyCases.FineRequest r = body != null ? body : new PenaltyCases.FineRequest(null, null, null);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "fine " + cycle + " " + uscc + " " + json.write(r), () -> new IdempotentCommands.Answer(200,
                        json.write(penalties.fine(rb, e, r, caller.name()))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }
}
