package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.surrender.forced.ForcedSurrenderOrders;
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

/** Notice §一: a province entrusts the forced surrender of its entity's custody units; the registry executes it. */
@Path("/api/surrender/forced-surrenders")
@Produces(MediaType.APPLICATION_JSON)
public class ForcedSurrenderResource {

    private final ForcedSurrenderOrders orders;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final ObjectMapper json;

    public ForcedSurrenderResource(ForcedSurrenderOrders orders, IdempotentCommands idempotent, Caller caller,
                                   ObjectMapper json) {
        this.orders = orders;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    public record EntrustRequest(String uscc, String cycle) {
    }

    @POST
    @Transactional
    @RolesAllowed(Role.PROVINCE)
    public Response entrust(EntrustRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.invalid("body", "an entrustment is required");
        }
        String uscc = Requests.required(body.uscc(), "uscc");
        KnownEntity entity = KnownEntity.findById(uscc);
        caller.requireVisible(uscc, entity == null ? null : entity.provinceCode, "entity " + uscc);
        if (entity == null) {
            throw ProblemException.notFound("entity " + uscc);
        }
        String cycle = Requests.required(body.cycle(), "cycle");
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey, Requests.write(json, body),
                () -> new IdempotentCommands.Answer(201, Requests.write(json, orders.entrust(uscc, cycle, caller.name()))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/{id}/execute")
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public ForcedSurrenderOrders.Order execute(@PathParam("id") String id) {
        return orders.execute(uuid(id), caller.name());
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public ForcedSurrenderOrders.Order get(@PathParam("id") String id) {
        ForcedSurrenderOrders.Order order = orders.get(uuid(id), false)
                .orElseThrow(() -> ProblemException.notFound("forced surrender " + id));
        caller.requireVisible(order.uscc(), order.provinceCode(), "forced surrender " + id);
        return order;
    }

    /** A page of the orders ({@code items}, {@code total}), as every list of the API. */
    public record OrderList(List<ForcedSurrenderOrders.Order> items, int page, int size, long total) {
    }

    /** The orders the caller may see, newest entrustment first, paged ({@code items}, {@code total}). */
    @GET
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    @Operation(summary = "List the forced surrenders",
            description = "The forced-surrender orders the caller may see, newest entrustment first: the registry and the "
                    + "ministry those of any province (or of the one asked for), a province officer its own (another "
                    + "province asked for: 404), an entity its own. status ENTRUSTED or EXECUTED; another value is a "
                    + "400 naming status.")
    @APIResponse(responseCode = "200", description = "a page of the orders and their total", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderList.class)))
    @APIResponse(responseCode = "404", description = "another province than the caller's own was asked for")
    public OrderList list(@QueryParam("province") String province,
                                                  @QueryParam("status") String status,
                                                  @QueryParam("page") @DefaultValue("0") int page,
                                                  @QueryParam("size") @DefaultValue("50") int size) {
        String wanted = ListScope.status(status, STATUSES);
        ListScope scope = ListScope.of(caller, province);
        Page<ForcedSurrenderOrders.Order> found = orders.list(scope.provinceCode(), scope.uscc(), wanted, Page.checkedPage(page),
                Page.checkedSize(size));
        return new OrderList(found.items(), found.page(), found.size(), found.total());
    }

    static final List<String> STATUSES = List.of("ENTRUSTED", "EXECUTED");

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("forced surrender " + id);
        }
    }
}
