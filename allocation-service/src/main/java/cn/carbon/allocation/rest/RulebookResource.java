package cn.carbon.allocation.rest;

import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ControlCharacterJson;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The cycle's rulebook: read by every role, a new version uploaded by the registry. GET answers the stored document
 * (the newest, or {@code ?version=}); its version is in the document and in the ETag.
 */
@Path("/api/allocation/cycles/{cycle}/rulebook")
@Produces(MediaType.APPLICATION_JSON)
public class RulebookResource {

    private final Rulebooks rulebooks;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Clock clock;
    private final Json json;
    private final ControlCharacterJson bodies;

    public RulebookResource(Rulebooks rulebooks, IdempotentCommands idempotent, Caller caller, Clock clock, Json json,
                            ControlCharacterJson bodies) {
        this.rulebooks = rulebooks;
        this.idempotent = idempotent;
        this.caller = caller;
        this.clock = clock;
        this.json = json;
        this.bodies = bodies;
    }

    /** A stored version without its document; {@code unconfirmedValues}: values to check against official texts. */
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record VersionView(String cycle, String rulebookId, int version, String uploadedBy, Instant uploadedAt,
                              int unconfirmedValues) {
    }

    @GET
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY, Role.EXCHANGE})
    public Response get(@PathParam("cycle") String cycle, @QueryParam("version") Integer version) {
        Rulebooks.Version v = rulebooks.version(cycle, version)
                .orElseThrow(() -> ProblemException.notFound("rulebook of cycle " + cycle
                        + (version == null ? "" : " version " + version)));
        return Response.ok(v.document(), MediaType.APPLICATION_JSON)
                .tag(new EntityTag(v.rulebookId() + "@v" + v.version())).build();
    }

    @GET
    @Path("/versions")
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY, Role.EXCHANGE})
    public List<VersionView> versions(@PathParam("cycle") String cycle) {
        List<Rulebooks.Version> all = rulebooks.versions(cycle);
        if (all.isEmpty()) {
            throw ProblemException.notFound("rulebook of cycle " + cycle);
        }
        return all.stream().map(this::view).toList();
    }

    /** Stores the body as the next version (the service assigns the number); 422 names every invalid field. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response put(@PathParam("cycle") String cycle, String body,
                        @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid("body", "a rulebook document is required");
        }
        try {
            bodies.mapper().readTree(body); // a control character is refused as in every body, naming its field
        } catch (ControlCharacterJson.ControlCharacterException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(java.util.stream.Collectors.joining("."));
            throw ProblemException.invalid(field.isEmpty() ? "body" : field, e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // the upload answers it as an invalid rulebook (422 naming the file)
        }
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "rulebook " + cycle + " " + body, () -> {
            Rulebooks.Version v = rulebooks.upload(cycle, body, caller.name(), clock.instant());
            return new IdempotentCommands.Answer(201, json.write(view(v)));
        });
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    private VersionView view(Rulebooks.Version v) {
        Rulebook rb = rulebooks.find(v.cycle(), v.version()).orElseThrow();
        return new VersionView(v.cycle(), v.rulebookId(), v.version(), v.uploadedBy(), v.uploadedAt(),
                rb.unconfirmedValues().size());
    }
}
