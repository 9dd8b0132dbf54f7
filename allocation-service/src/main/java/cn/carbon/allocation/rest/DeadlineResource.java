package cn.carbon.allocation.rest;

import cn.carbon.allocation.deadlines.DeadlineStatus;
import cn.carbon.allocation.deadlines.StageDeadlines;
import cn.carbon.allocation.entity.ProvinceCodes;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.contracts.rulebook.StageAction;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The allocation-stage deadlines of a province (done on time, done late with why/when/who, open, overdue) and the
 * province's submission of its two allocation tables (机组核定配额明细表, 核定配额实际发放汇总表).
 */
@Path("/api/allocation")
@Produces(MediaType.APPLICATION_JSON)
public class DeadlineResource {

    /** What a table submission hands in: the two tables of notice §五(三). */
    static final List<String> SUBMITTED_TABLES = List.of("机组核定配额明细表 unit-allowances",
            "核定配额实际发放汇总表 issuance-summary");

    private final Rulebooks rulebooks;
    private final StageDeadlines deadlines;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Json json;
    private final Clock clock;

    public DeadlineResource(Rulebooks rulebooks, StageDeadlines deadlines, IdempotentCommands idempotent,
                            Caller caller, Json json, Clock clock) {
        this.clock = clock;
        this.rulebooks = rulebooks;
        this.deadlines = deadlines;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    public record Deadlines(String cycle, String provinceCode, Instant asOf, List<DeadlineStatus> deadlines) {
    }

    public record TableSubmission(String cycle, String provinceCode, List<String> tables, String deadline,
                                  String deadlineDate, boolean late, String lateReason, String submittedBy,
                                  Instant submittedAt) {
    }

    @GET
    @Path("/cycles/{cycle}/deadlines")
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public Deadlines deadlines(@PathParam("cycle") String cycle, @QueryParam("province") String province) {
        Rulebook rb = rulebooks.current(cycle);
        String p = province(province);
        return new Deadlines(rb.cycle(), p, clock.instant(), deadlines.of(rb, p));
    }

    @POST
    @Path("/cycles/{cycle}/table-submissions")
    @Consumes(MediaType.WILDCARD) // the body (an optional {"lateReason"}) may be absent, of any type
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY})
    public Response submitTables(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                                 @QueryParam("lateReason") String lateReason, InputStream body,
                                 @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Rulebook rb = rulebooks.current(cycle);
        String p = province(province);
        StageDeadlines.Judgement judged = deadlines.judge(rb, StageAction.TABLES_SUBMISSION,
                LateReasons.of(lateReason, body, json.mapper()));
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "table-submission " + cycle + " " + p, () -> {
                    deadlines.record(rb, judged, List.of(p), "tables", caller.name());
                    var d = judged.deadline();
                    return new IdempotentCommands.Answer(201, json.write(new TableSubmission(rb.cycle(), p,
                            SUBMITTED_TABLES, d == null ? null : d.key(),
                            d == null ? null : d.date().value().toString(), judged.late(), judged.lateReason(),
                            caller.name(), judged.at())));
                });
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    /** A province officer's own province (another is 404); the province a national role names (required). */
    private String province(String requested) {
        String p = caller.provinceFilter(requested == null || requested.isBlank() ? null : requested);
        if (p == null) {
            throw ProblemException.invalid("province", "required: the province (GB/T 2260 code such as 320000)");
        }
        if (!ProvinceCodes.isProvince(p)) {
            throw ProblemException.invalid("province", "must be a provincial GB/T 2260 code such as 320000");
        }
        return p;
    }
}
