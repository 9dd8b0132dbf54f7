package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.LateCompliance;
import cn.carbon.platform.directory.KnownEntity;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/** Notice §五(三): an entity asks to comply after the deadline; its province confirms. */
@Path("/api/surrender/late-compliance-requests")
@Produces(MediaType.APPLICATION_JSON)
public class LateComplianceResource {

    private final LateCompliance late;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final ObjectMapper json;

    public LateComplianceResource(LateCompliance late, IdempotentCommands idempotent, Caller caller, ObjectMapper json) {
        this.late = late;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    public record LateRequest(String uscc, Integer complianceYear, String reason) {
    }

    @POST
    @Transactional
    @RolesAllowed(Role.ENTITY)
    public Response ask(LateRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.invalid("body", "a request is required");
        }
        String uscc = Requests.required(body.uscc(), "uscc");
        KnownEntity entity = KnownEntity.findById(uscc);
        caller.requireVisible(uscc, entity == null ? null : entity.provinceCode, "entity " + uscc);
        if (entity == null) {
            throw ProblemException.notFound("entity " + uscc);
        }
        int year = Requests.year(body.complianceYear(), "complianceYear");
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey, Requests.write(json, body),
                () -> new IdempotentCommands.Answer(201, Requests.write(json, late.ask(uscc, year, body.reason(), caller.name()))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/{id}/confirm")
    @Transactional
    @RolesAllowed(Role.PROVINCE)
    public LateCompliance.Request confirm(@PathParam("id") String id) {
        return late.confirm(visible(id), caller.name());
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public LateCompliance.Request get(@PathParam("id") String id) {
        return visible(id);
    }

    /** A page of the requests ({@code items}, {@code total}), as every list of the API. */
    public record RequestList(List<LateCompliance.Request> items, int page, int size, long total) {
    }

    /** The requests the caller may see, newest first, paged ({@code items}, {@code total}). */
    @GET
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    @Operation(summary = "List the late-compliance requests",
            description = "The late-compliance requests the caller may see, newest first: the registry and the ministry "
                    + "those of any province (or of the one asked for), a province officer its own (another province "
                    + "asked for: 404), an entity its own. status REQUESTED or CONFIRMED; another value is a 400 "
                    + "naming status.")
    @APIResponse(responseCode = "200", description = "a page of the requests and their total", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RequestList.class)))
    @APIResponse(responseCode = "404", description = "another province than the caller's own was asked for")
    public RequestList list(@QueryParam("province") String province,
                                             @QueryParam("status") String status,
                                             @QueryParam("page") @DefaultValue("0") int page,
                                             @QueryParam("size") @DefaultValue("50") int size) {
        String wanted = ListScope.status(status, STATUSES);
        ListScope scope = ListScope.of(caller, province);
        Page<LateCompliance.Request> found = late.list(scope.provinceCode(), scope.uscc(), wanted, Page.checkedPage(page),
                Page.checkedSize(size));
        return new RequestList(found.items(), found.page(), found.size(), found.total());
    }

    static final List<String> STATUSES = List.of("REQUESTED", "CONFIRMED");

    private LateCompliance.Request visible(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("late-compliance request " + id);
        }
        LateCompliance.Request request = late.get(uuid)
                .orElseThrow(() -> ProblemException.notFound("late-compliance request " + id));
        caller.requireVisible(request.uscc(), request.provinceCode(), "late-compliance request " + id);
        return request;
    }
}
