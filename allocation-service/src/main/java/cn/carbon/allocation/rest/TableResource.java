package cn.carbon.allocation.rest;

import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.allocation.tables.OfficialTables;
import cn.carbon.allocation.tables.Table;
import cn.carbon.allocation.tables.TableFormat;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.util.List;
import java.util.Map;

/**
 * The official tables, scoped (a province its own; registry and ministry any or {@code ?province=}), as JSON (paged),
 * CSV or XLSX by {@code Accept}.
 */
@Path("/api/allocation/cycles/{cycle}/tables")
public class TableResource {

    private final OfficialTables tables;
    private final Rulebooks rulebooks;
    private final Caller caller;

    public TableResource(OfficialTables tables, Rulebooks rulebooks, Caller caller) {
        this.tables = tables;
        this.rulebooks = rulebooks;
        this.caller = caller;
    }

    /**
     * The JSON form: the columns and a page of rows (column → value); {@code extraColumns} are the keys of every item
     * after the official columns, which the CSV and XLSX forms leave out.
     */
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record TablePage(String table, String title, String cycle, String province, List<String> columns,
                            List<String> extraColumns, List<Map<String, Object>> items, int page, int size,
                            long total) {
    }

    @GET
    @Path("/unit-allowances")
    @Produces({"application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public Response unitAllowances(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                                   @QueryParam("year") Integer year, @QueryParam("page") @DefaultValue("0") int page,
                                   @QueryParam("size") @DefaultValue("500") int size, @Context HttpHeaders headers) {
        Rulebook rb = rulebooks.current(cycle);
        if (year != null && !rb.isComplianceYear(year)) {
            throw ProblemException.invalid("year", "must be a year of the cycle " + rb.complianceYears());
        }
        String scope = caller.provinceFilter(blankToNull(province));
        return answer(tables.unitAllowances(rb, scope, year), cycle, scope, page, size, headers);
    }

    @GET
    @Path("/issuance-summary")
    @Produces({"application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public Response issuanceSummary(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                                    @QueryParam("page") @DefaultValue("0") int page,
                                    @QueryParam("size") @DefaultValue("500") int size, @Context HttpHeaders headers) {
        Rulebook rb = rulebooks.current(cycle);
        String scope = caller.provinceFilter(blankToNull(province));
        return answer(tables.issuanceSummary(rb, scope), cycle, scope, page, size, headers);
    }

    @GET
    @Path("/special-list")
    @Produces({"application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public Response specialList(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                                @QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("500") int size, @Context HttpHeaders headers) {
        Rulebook rb = rulebooks.current(cycle);
        String scope = caller.provinceFilter(blankToNull(province));
        return answer(tables.specialList(rb, scope), cycle, scope, page, size, headers);
    }

    static Response answer(Table table, String cycle, String province, int page, int size,
                                   HttpHeaders headers) {
        TableFormat format = TableFormat.negotiate(headers.getAcceptableMediaTypes().stream()
                .map(m -> m.getType() + "/" + m.getSubtype()).toList());
        String file = table.name() + "-" + cycle + (province == null ? "" : "-" + province) + "." + format.extension();
        return switch (format) {
            case JSON -> {
                Page.checkedPage(page);
                Page.checkedSize(size);
                int from = (int) Math.min((long) page * size, table.rows().size());
                int to = Math.min(from + size, table.rows().size());
                yield Response.ok(new TablePage(table.name(), table.title(), cycle, province, table.columns(),
                        table.extraColumns(), table.rows().subList(from, to).stream().map(table::asMap).toList(), page, size,
                        table.rows().size()), format.mediaType()).build();
            }
            case CSV -> Response.ok((StreamingOutput) out -> TableFormat.writeCsv(table, out), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
            case XLSX -> Response.ok((StreamingOutput) out -> TableFormat.writeXlsx(table, out), format.mediaType())
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
