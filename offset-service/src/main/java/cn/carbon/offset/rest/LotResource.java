package cn.carbon.offset.rest;

import cn.carbon.offset.lots.CcerLot;
import cn.carbon.offset.lots.LotRegistry;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
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

/** CCER lots frozen for offset (待抵销): the registry records them as the CCER registry reports them. */
@Path("/api/offsets/ccer-lots")
@Produces(MediaType.APPLICATION_JSON)
public class LotResource {

    private final LotRegistry registry;
    private final IdempotentCommands idempotent;
    private final Answers answers;
    private final Caller caller;

    public LotResource(LotRegistry registry, IdempotentCommands idempotent, Answers answers, Caller caller) {
        this.registry = registry;
        this.idempotent = idempotent;
        this.answers = answers;
        this.caller = caller;
    }

    @POST
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response register(LotRegistry.Registration body, @HeaderParam("Idempotency-Key") String key) {
        if (body == null) {
            throw ProblemException.invalid("body", "a lot is required");
        }
        return Answers.respond(idempotent.once(caller.name(), key, answers.request("POST /ccer-lots", body),
                () -> answers.answer(201, LotView.of(registry.register(body, caller.name())))));
    }

    @GET
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public Page<LotView> list(@QueryParam("uscc") String uscc, @QueryParam("province") String province,
                              @QueryParam("page") @DefaultValue("0") int page,
                              @QueryParam("size") @DefaultValue("50") int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (caller.is(Role.ENTITY) && !caller.isNational()) {
            String own = caller.entityId().orElseThrow(() -> ProblemException.notFound("entity"));
            if (uscc != null && !uscc.isBlank() && !uscc.equals(own)) {
                throw ProblemException.notFound("lots of " + uscc);
            }
            uscc = own;
        } else {
            String provinceCode = caller.provinceFilter(province);
            if (provinceCode != null) {
                where.append(" and provinceCode = :province");
                params.and("province", provinceCode);
            }
        }
        if (uscc != null && !uscc.isBlank()) {
            where.append(" and uscc = :uscc");
            params.and("uscc", uscc);
        }
        PanacheQuery<CcerLot> query = CcerLot.find(where.toString(), Sort.by("lotId"), params)
                .page(Page.checkedPage(page), Page.checkedSize(size));
        return new Page<>(query.list().stream().map(LotView::of).toList(), page, size, query.count());
    }

    @GET
    @Path("/{lotId}")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public LotView get(@PathParam("lotId") String lotId) {
        CcerLot lot = CcerLot.findById(lotId);
        caller.requireVisible(lot == null ? null : lot.uscc, lot == null ? null : lot.provinceCode, "lot " + lotId);
        if (lot == null) {
            throw ProblemException.notFound("lot " + lotId);
        }
        return LotView.of(lot);
    }
}
