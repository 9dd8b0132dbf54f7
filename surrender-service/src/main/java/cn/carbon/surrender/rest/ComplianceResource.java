package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.ComplianceQueries;
import cn.carbon.surrender.compliance.ComplianceStatus;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.CycleInForce;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Compliance per entity and year, as of now or any date; lists and counts per province (the 95 % view). */
@Path("/api/surrender/compliance")
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    private final ComplianceQueries queries;
    private final CycleInForce rulebooks;
    private final Caller caller;
    private final Clock clock;

    public ComplianceResource(ComplianceQueries queries, CycleInForce rulebooks, Caller caller, Clock clock) {
        this.queries = queries;
        this.rulebooks = rulebooks;
        this.caller = caller;
        this.clock = clock;
    }

    public record EntityCompliance(String uscc, String name, String provinceCode, String cycle, String rulebook,
                                   LocalDate deadline, Instant asOf, List<ComplianceQueries.YearView> years) {
    }

    public record ComplianceList(List<ComplianceQueries.YearState> items, int page, int size, long total,
                                 List<ComplianceQueries.StatusCounts> counts) {
    }

    @GET
    @Path("/{uscc}")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public EntityCompliance entity(@PathParam("uscc") String uscc, @QueryParam("cycle") String cycle,
                                   @QueryParam("asOf") String asOf) {
        KnownEntity entity = KnownEntity.findById(uscc);
        caller.requireVisible(uscc, entity == null ? null : entity.provinceCode, "compliance of " + uscc);
        if (entity == null) {
            throw ProblemException.notFound("compliance of " + uscc);
        }
        Rulebook rulebook = rulebooks.governing(cycle);
        Instant cutoff = Requests.asOfEnd(asOf, rulebook.timeZone(), clock.instant());
        return new EntityCompliance(uscc, entity.name, entity.provinceCode, rulebook.cycle(), rulebook.ref(),
                rulebook.deadlines().get(Rulebook.COMPLIANCE_DEADLINE), cutoff.minusNanos(1),
                queries.entity(rulebook, uscc, cutoff));
    }

    @GET
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE})
    public ComplianceList list(@QueryParam("cycle") String cycle, @QueryParam("province") String province,
                               @QueryParam("year") Integer year, @QueryParam("status") String status,
                               @QueryParam("asOf") String asOf, @QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("50") int size) {
        String provinceCode = caller.provinceFilter(province);
        Rulebook rulebook = rulebooks.governing(cycle);
        if (year != null && !rulebook.covers(year)) {
            throw ProblemException.invalid("year", "cycle " + rulebook.cycle() + " covers " + rulebook.complianceYears());
        }
        ComplianceStatus wanted = parse(status);
        Instant cutoff = Requests.asOfEnd(asOf, rulebook.timeZone(), clock.instant());
        // read once: the page and the counts come from the same states
        List<ComplianceQueries.YearState> states = queries.states(rulebook, provinceCode, year, null, cutoff);
        List<ComplianceQueries.YearState> all = states.stream().filter(s -> wanted == null || s.status() == wanted).toList();
        int from = Math.min(all.size(), Page.checkedPage(page) * Page.checkedSize(size));
        return new ComplianceList(all.subList(from, Math.min(all.size(), from + size)), page, size, all.size(),
                queries.counts(rulebook, provinceCode, year, cutoff, states));
    }

    private static ComplianceStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ComplianceStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + Arrays.toString(ComplianceStatus.values()));
        }
    }
}
