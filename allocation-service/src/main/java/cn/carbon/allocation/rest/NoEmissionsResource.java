package cn.carbon.allocation.rest;

import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.entity.VisibleEntities;
import cn.carbon.allocation.issuance.SpecialIssuance;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A province (its own entities; the registry any) declares, with a reason, that an entity's units emitted nothing in
 * a year that has no verified unit data: the pre-allocation is clawed back and the obligation 0 published.
 */
@Path("/api/allocation/cycles/{cycle}/entities/{uscc}/years/{year}/no-emissions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoEmissionsResource {

    private final VisibleEntities entities;
    private final Rulebooks rulebooks;
    private final SpecialIssuance special;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Json json;

    public NoEmissionsResource(VisibleEntities entities, Rulebooks rulebooks, SpecialIssuance special,
                               IdempotentCommands idempotent, Caller caller, Json json) {
        this.entities = entities;
        this.rulebooks = rulebooks;
        this.special = special;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    public record NoEmissionsRequest(String reason) {
    }

    @POST
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY})
    public Response declare(@PathParam("cycle") String cycle, @PathParam("uscc") String uscc,
                            @PathParam("year") String year, NoEmissionsRequest body,
                            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        KeyEmittingEntity e = entities.get(uscc); // another province's entity: 404
        Rulebook rb = rulebooks.current(cycle);
        int y;
        try {
            y = Integer.parseInt(year);
        } catch (NumberFormatException ex) {
            throw ProblemException.invalid("year", "must be a year of the cycle " + rb.complianceYears());
        }
        if (body == null) {
            throw ProblemException.invalid("reason", "is required: why the units emitted nothing that year");
        }
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "no-emissions " + cycle + " " + uscc + " " + y + " " + json.write(body), () -> {
                    SpecialIssuance.Declared d = special.declareNoEmissions(rb, e, y, body.reason(), caller.name());
                    return new IdempotentCommands.Answer(d.created() ? 201 : 200, json.write(d.declaration()));
                });
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }
}
