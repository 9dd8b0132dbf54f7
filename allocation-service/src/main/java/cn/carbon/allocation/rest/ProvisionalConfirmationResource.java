package cn.carbon.allocation.rest;

import cn.carbon.allocation.provisional.FourEyesRelease;
import cn.carbon.allocation.provisional.ProvisionalConfirmations;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.contracts.rulebook.RuleValue;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
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

import java.time.Clock;
import java.util.List;

/**
 * Four eyes on provisional values: each registry officer confirms a rulebook version whose values the sources leave
 * open; two confirmations release issuance from it (the next verification run issues what was withheld).
 */
@Path("/api/allocation/cycles/{cycle}/rulebook/versions/{version}/provisional-confirmations")
@Produces(MediaType.APPLICATION_JSON)
public class ProvisionalConfirmationResource {

    private final Rulebooks rulebooks;
    private final ProvisionalConfirmations confirmations;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Clock clock;
    private final Json json;

    public ProvisionalConfirmationResource(Rulebooks rulebooks, ProvisionalConfirmations confirmations,
                                           IdempotentCommands idempotent, Caller caller, Clock clock, Json json) {
        this.rulebooks = rulebooks;
        this.confirmations = confirmations;
        this.idempotent = idempotent;
        this.caller = caller;
        this.clock = clock;
        this.json = json;
    }

    public record ConfirmationRequest(String note) {
    }

    /** The version's provisional values, who confirmed them and whether issuance from them is released. */
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record ConfirmationsView(String cycle, String rulebookId, int version, List<String> provisionalValues,
                                    List<ProvisionalConfirmations.Confirmation> confirmations, int officersNeeded,
                                    boolean issuanceReleased) {
    }

    @GET
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE})
    public ConfirmationsView get(@PathParam("cycle") String cycle, @PathParam("version") String version) {
        Rulebook rb = rulebook(cycle, version);
        return view(rb, confirmations.of(rb));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response confirm(@PathParam("cycle") String cycle, @PathParam("version") String version,
                            ConfirmationRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.invalid("body", "a confirmation {\"note\"} is required");
        }
        Rulebook rb = rulebook(cycle, version);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "provisional " + rb.ref() + " " + json.write(body), () -> new IdempotentCommands.Answer(201,
                        json.write(view(rb, confirmations.confirm(rb, caller.name(), body.note(), clock.instant())))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    private Rulebook rulebook(String cycle, String version) {
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("version", "must be a version number such as 1");
        }
        return rulebooks.find(cycle, v).orElseThrow(() -> ProblemException.notFound("rulebook of cycle " + cycle
                + " version " + v));
    }

    private static ConfirmationsView view(Rulebook rb, List<ProvisionalConfirmations.Confirmation> all) {
        return new ConfirmationsView(rb.cycle(), rb.id(), rb.version(),
                rb.provisionalValues().stream().map(RuleValue::path).toList(), all, FourEyesRelease.OFFICERS,
                FourEyesRelease.released(all.stream().map(ProvisionalConfirmations.Confirmation::confirmedBy).toList()));
    }
}
