package cn.carbon.allocation.rest;

import cn.carbon.allocation.carryover.CarryOvers;
import cn.carbon.allocation.carryover.PenaltyCases;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.entity.VisibleEntities;
import cn.carbon.allocation.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.allocation.tables.Table;
import cn.carbon.contracts.CarryOverStatement;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the next allocation owes (下一年度配额扣减清单): per entity and as the province's list (JSON, CSV, XLSX); and the
 * penalty case of an entity-year with a shortfall at the deadline (责令限期改正, 罚款), recorded by the province.
 */
@Path("/api/allocation/cycles/{cycle}")
public class CarryOverResource {

    static final List<String> COLUMNS = List.of("uscc", "name", "province", "kind", "compliance_year", "vintage",
            "quantity_t", "state", "reference", "recorded_at", "state_changed_at", "state_reason");

    private final Rulebooks rulebooks;
    private final VisibleEntities entities;
    private final CarryOvers carryOvers;
    private final PenaltyCases penalties;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Json json;

    public CarryOverResource(Rulebooks rulebooks, VisibleEntities entities, CarryOvers carryOvers,
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
    @Path("/entities/{uscc}/carry-over")
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
    @Path("/carry-over")
    @Produces({"application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public Response province(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                             @QueryParam("page") @DefaultValue("0") int page,
                             @QueryParam("size") @DefaultValue("500") int size, @Context HttpHeaders headers) {
        Rulebook rb = rulebooks.current(cycle);
        String scope = caller.provinceFilter(province == null || province.isBlank() ? null : province);
        List<List<Object>> rows = new ArrayList<>();
        for (CarryOvers.EntityLine l : carryOvers.lines(rb.cycle(), null, scope)) {
            CarryOverStatement.Line x = l.line();
            rows.add(Arrays.asList(l.uscc(), l.name(), l.provinceCode(), x.kind(), x.complianceYear(), x.vintage(),
                    x.quantityT(), x.state(), x.reference(), str(x.recordedAt()), str(x.stateChangedAt()),
                    x.stateReason()));
        }
        Table table = new Table("carry-over", "下一年度配额扣减清单 (deductions from the next year's allocation, vintage "
                + CarryOvers.nextVintage(rb) + ") " + rb.cycle(), COLUMNS, rows);
        return TableResource.answer(table, cycle, scope, page, size, headers);
    }

    @GET
    @Path("/entities/{uscc}/penalty-case")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY, Role.ENTITY})
    public List<PenaltyCases.PenaltyCase> penaltyCase(@PathParam("cycle") String cycle,
                                                      @PathParam("uscc") String uscc) {
        Rulebook rb = rulebooks.current(cycle);
        return penalties.of(rb.cycle(), entities.get(uscc).uscc);
    }

    @POST
    @Path("/entities/{uscc}/penalty-case/correction-order")
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
    @Path("/entities/{uscc}/penalty-case/fine")
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

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
