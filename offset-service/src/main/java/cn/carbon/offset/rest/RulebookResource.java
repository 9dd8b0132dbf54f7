package cn.carbon.offset.rest;

import cn.carbon.offset.rulebook.Rulebooks;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The offset settings of a cycle's rulebook in force here (cap share and rounding, eligibility, deadlines). The
 * registry loads a newer version when allocation-service's rulebook changes; checks made afterwards use it.
 */
@Path("/api/offsets/cycles/{cycle}/rulebook")
@Produces(MediaType.APPLICATION_JSON)
public class RulebookResource {

    private final Rulebooks rulebooks;
    private final IdempotentCommands idempotent;
    private final Answers answers;
    private final Caller caller;

    public RulebookResource(Rulebooks rulebooks, IdempotentCommands idempotent, Answers answers, Caller caller) {
        this.rulebooks = rulebooks;
        this.idempotent = idempotent;
        this.answers = answers;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY, Role.EXCHANGE})
    public JsonNode get(@PathParam("cycle") String cycle) {
        return rulebooks.currentStored(cycle).map(Rulebooks.Stored::body)
                .orElseThrow(() -> ProblemException.notFound("rulebook of cycle " + cycle));
    }

    @PUT
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response put(@PathParam("cycle") String cycle, JsonNode body, @HeaderParam("Idempotency-Key") String key) {
        if (body == null) {
            throw ProblemException.invalid("body", "a rulebook is required");
        }
        return Answers.respond(idempotent.once(caller.name(), key, answers.request("PUT /cycles/" + cycle + "/rulebook", body),
                () -> {
                    rulebooks.replace(cycle, body, caller.name());
                    return answers.answer(201, body);
                }));
    }
}
