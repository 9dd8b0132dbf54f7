package cn.carbon.surrender.rest;

import cn.carbon.contracts.rulebook.CarryOverRule;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.platform.export.CsvWriter;
import cn.carbon.platform.rulebook.PublishedRulebooks;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.carryover.CarryOverCapWorkbook;
import cn.carbon.surrender.carryover.CarryOverCaps;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The carry-over cap (配额结转上限) of a cycle whose rulebook has one: per entity its net sales, cap, holdings and the
 * excess flagged above the cap; the province's list as JSON, CSV or XLSX (超过结转上限的重点排放单位).
 */
@Path("/api/surrender/cycles/{cycle}")
public class CarryOverCapResource {

    static final List<String> COLUMNS = CarryOverCapWorkbook.columns();
    private static final Pattern PROVINCE = Pattern.compile("\\d{6}");

    private final CarryOverCaps caps;
    private final PublishedRulebooks rulebooks;
    private final Caller caller;
    private final Clock clock;

    public CarryOverCapResource(CarryOverCaps caps, PublishedRulebooks rulebooks, Caller caller, Clock clock) {
        this.caps = caps;
        this.rulebooks = rulebooks;
        this.caller = caller;
        this.clock = clock;
    }

    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record CapList(String cycle, String rulebook, List<String> vintages, java.time.LocalDate netSalesFrom,
                          java.time.LocalDate cutOff, java.time.Instant asOf, boolean finalFigures, long flagged,
                          List<CarryOverCaps.Cap> items, int page, int size, long total) {
    }

    @GET
    @Path("/carry-over-caps")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", CarryOverCapWorkbook.MEDIA_TYPE})
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE})
    public Response list(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                         @QueryParam("flagged") String flagged, @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("50") int size, @Context HttpHeaders headers) {
        if (province != null && !province.isBlank() && !PROVINCE.matcher(province).matches()) {
            throw ProblemException.invalid("province", "a province code of 6 digits, e.g. 320000");
        }
        Boolean onlyFlagged = flagged == null || flagged.isBlank() ? null : switch (flagged) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid("flagged", "must be true or false");
        };
        Page.checkedPage(page);
        Page.checkedSize(size);
        Rulebook rb = rulebook(cycle);
        String scope = caller.provinceFilter(province == null || province.isBlank() ? null : province);
        CarryOverCaps.Report report = caps.of(rb, rule(rb), scope, null, clock.instant());
        List<CarryOverCaps.Cap> rows = report.entities().stream()
                .filter(c -> onlyFlagged == null || c.flagged() == onlyFlagged).toList();
        String file = "carry-over-caps-" + cycle + (scope == null ? "" : "-" + scope);
        if (accepts(headers, CarryOverCapWorkbook.MEDIA_TYPE)) {
            java.io.ByteArrayOutputStream xlsx = new java.io.ByteArrayOutputStream();
            try {
                CarryOverCapWorkbook.write(title(report), rows.stream().map(CarryOverCapResource::cells).toList(), xlsx);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Response.ok(xlsx.toByteArray(), CarryOverCapWorkbook.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".xlsx\"").build();
        }
        if (accepts(headers, "text/csv")) {
            StringBuilder csv = new StringBuilder();
            CsvWriter w = new CsvWriter(csv).row(COLUMNS);
            rows.forEach(c -> w.row(cells(c)));
            return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"").build();
        }
        int from = Math.min(rows.size(), page * size);
        return Response.ok(new CapList(report.cycle(), report.rulebook(), report.vintages(), report.netSalesFrom(),
                report.cutOff(), report.asOf(), report.finalFigures(), rows.stream().filter(CarryOverCaps.Cap::flagged)
                .count(), rows.subList(from, Math.min(rows.size(), from + size)), page, size, rows.size()),
                MediaType.APPLICATION_JSON).build();
    }

    /** A file form named explicitly (a wildcard means JSON). */
    private static boolean accepts(HttpHeaders headers, String mediaType) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.valueOf(mediaType)) && !m.isWildcardType() && !m.isWildcardSubtype());
    }

    /** One entity's cells in {@link #COLUMNS} order, the same in CSV and XLSX. */
    private static List<Object> cells(CarryOverCaps.Cap c) {
        return List.of(c.uscc(), c.name(), c.provinceCode(), c.soldT(), c.boughtT(), c.netSalesT(), c.baseT(),
                c.netSalesMultiplier(), c.capT(), c.holdingsT(), c.carryableT(), c.excessT(), c.flagged());
    }

    /** 配额结转上限（2024）截至 2025-12-31 or, before the cut-off, 预计 (projection) as of the day. */
    private static String title(CarryOverCaps.Report report) {
        return "配额结转上限（" + report.cycle() + "）" + (report.finalFigures()
                ? "截至 " + report.cutOff() + " carry-over caps, final"
                : "预计，数据截至 " + report.asOf() + " carry-over caps, projection") + " · " + report.rulebook();
    }

    @GET
    @Path("/entities/{uscc}/carry-over-cap")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public CarryOverCaps.Report entity(@PathParam("cycle") String cycle, @PathParam("uscc") String uscc) {
        KnownEntity entity = KnownEntity.findById(uscc);
        caller.requireVisible(uscc, entity == null ? null : entity.provinceCode, "carry-over cap of " + uscc);
        if (entity == null) {
            throw ProblemException.notFound("carry-over cap of " + uscc);
        }
        Rulebook rb = rulebook(cycle);
        return caps.of(rb, rule(rb), null, uscc, clock.instant());
    }

    private Rulebook rulebook(String cycle) {
        return rulebooks.forCycle(cycle).orElseThrow(() -> ProblemException.notFound("rulebook of cycle " + cycle));
    }

    private static CarryOverRule rule(Rulebook rb) {
        if (rb.carryOver() == null) {
            throw ProblemException.conflict("no-carry-over-cap", "No carry-over cap", "rulebook " + rb.ref()
                    + " has no carry-over cap: holdings carry over without one");
        }
        return rb.carryOver();
    }
}
