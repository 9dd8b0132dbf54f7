package cn.carbon.allocation.rest;

import cn.carbon.allocation.carryover.CarryOvers;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.allocation.tables.Table;
import cn.carbon.contracts.CarryOverStatement;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the next allocation owes (下一年度配额扣减清单), as the province's list: JSON, CSV, XLSX. */
@Path("/api/allocation")
public class CarryOverResource {

    static final List<String> COLUMNS = List.of("uscc", "name", "province", "kind", "compliance_year", "vintage",
            "quantity_t", "state", "reference", "recorded_at", "state_changed_at", "state_reason");

    private final Rulebooks rulebooks;
    private final CarryOvers carryOvers;
    private final Caller caller;

    public CarryOverResource(Rulebooks rulebooks, CarryOvers carryOvers, Caller caller) {
        this.rulebooks = rulebooks;
        this.carryOvers = carryOvers;
        this.caller = caller;
    }

    @GET
    @Path("/cycles/{cycle}/carry-over")
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

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
