package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.freeze.AccountFreezes;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * A court freeze's four-eyes steps (requested through {@code POST /accounts/{uscc}/freezes}): another registry user
 * approves it; lifting it is requested and approved by another registry user again.
 */
@Path("/api/surrender/freezes")
@Produces(MediaType.APPLICATION_JSON)
public class FreezeResource {

    private final AccountFreezes freezes;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final ObjectMapper json;

    public FreezeResource(AccountFreezes freezes, IdempotentCommands idempotent, Caller caller, ObjectMapper json) {
        this.freezes = freezes;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Path("/{id}/approve")
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response approve(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key) {
        UUID freeze = id(id);
        return once(key, "POST /freezes/" + id + "/approve", () -> freezes.approve(freeze, caller.name()));
    }

    @POST
    @Path("/{id}/release")
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response release(@PathParam("id") String id, AccountFreezes.CourtOrder body,
                            @HeaderParam("Idempotency-Key") String key) {
        UUID freeze = id(id);
        AccountFreezes.CourtOrder order = body == null ? new AccountFreezes.CourtOrder(null, null) : body;
        return once(key, "POST /freezes/" + id + "/release " + Requests.write(json, order),
                () -> freezes.requestRelease(freeze, order, caller.name()));
    }

    @POST
    @Path("/{id}/release/approve")
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response approveRelease(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key) {
        UUID freeze = id(id);
        return once(key, "POST /freezes/" + id + "/release/approve", () -> freezes.approveRelease(freeze, caller.name()));
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public AccountFreezes.Freeze get(@PathParam("id") String id) {
        AccountFreezes.Freeze f = freezes.get(id(id)).orElseThrow(() -> ProblemException.notFound("freeze " + id));
        caller.requireVisible(f.uscc(), f.provinceCode(), "freeze " + id);
        return f;
    }

    private Response once(String key, String request, Supplier<AccountFreezes.Freeze> command) {
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), key, request,
                () -> new IdempotentCommands.Answer(200, Requests.write(json, command.get())));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("freeze " + id);
        }
    }
}
