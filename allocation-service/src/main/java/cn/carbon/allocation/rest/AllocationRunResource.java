package cn.carbon.allocation.rest;

import cn.carbon.allocation.deadlines.StageDeadlines;
import cn.carbon.allocation.jobs.AllocationJobs;
import cn.carbon.allocation.jobs.Job;
import cn.carbon.allocation.jobs.JobKind;
import cn.carbon.allocation.jobs.JobSummary;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.contracts.rulebook.StageAction;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ControlCharacterJson;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Pre-allocation and verification runs (registry: all provinces or {@code ?province=}; a province: its own) answer
 * 202 with a job; {@code GET /jobs/{id}} shows its progress. After the run's deadline (rulebook {@code appliesTo}) a
 * run needs a {@code lateReason} and is recorded as late for each province it covers. {@code GET /jobs} lists them.
 */
@Path("/api/allocation")
@Produces(MediaType.APPLICATION_JSON)
public class AllocationRunResource {

    private final AllocationJobs jobs;
    private final Rulebooks rulebooks;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Json json;
    private final StageDeadlines deadlines;
    /** the optional body is read here, not by the JSON reader: it gets the same control-character check */
    private final ControlCharacterJson bodies;

    public AllocationRunResource(AllocationJobs jobs, Rulebooks rulebooks, IdempotentCommands idempotent,
                                 Caller caller, Json json, StageDeadlines deadlines, ControlCharacterJson bodies) {
        this.deadlines = deadlines;
        this.bodies = bodies;
        this.jobs = jobs;
        this.rulebooks = rulebooks;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Path("/cycles/{cycle}/pre-allocation")
    @Consumes(MediaType.WILDCARD) // the body (an optional {"lateReason"}) may be absent, of any type
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.PROVINCE})
    public Response preAllocation(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                                  @QueryParam("lateReason") String lateReason, InputStream body,
                                  @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return queue(JobKind.PRE_ALLOCATION, cycle, province, LateReasons.of(lateReason, body, bodies.mapper()),
                idempotencyKey);
    }

    @POST
    @Path("/cycles/{cycle}/verification")
    @Consumes(MediaType.WILDCARD) // the body (an optional {"lateReason"}) may be absent, of any type
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.PROVINCE})
    public Response verification(@PathParam("cycle") String cycle, @QueryParam("province") String province,
                                 @QueryParam("lateReason") String lateReason, InputStream body,
                                 @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return queue(JobKind.VERIFICATION, cycle, province, LateReasons.of(lateReason, body, bodies.mapper()),
                idempotencyKey);
    }

    @GET
    @Path("/jobs/{id}")
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE})
    public Job job(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("job " + id);
        }
        Job job = jobs.find(uuid).orElseThrow(() -> ProblemException.notFound("job " + id));
        if (!caller.isNational()
                && (job.provinceCode() == null || !job.provinceCode().equals(caller.provinceFilter(null)))) {
            throw ProblemException.notFound("job " + id);
        }
        return job;
    }

    /**
     * The runs, newest first: the registry and the ministry see every run ({@code ?province=} those limited to one
     * province), a province the runs limited to its own.
     */
    @GET
    @Path("/jobs")
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE})
    public Page<JobSummary> jobs(@QueryParam("cycle") String cycle, @QueryParam("province") String province,
                                 @QueryParam("page") @DefaultValue("0") int page,
                                 @QueryParam("size") @DefaultValue("50") int size) {
        String scope = caller.provinceFilter(province == null || province.isBlank() ? null : province);
        return jobs.list(cycle == null || cycle.isBlank() ? null : cycle, scope, Page.checkedPage(page),
                Page.checkedSize(size));
    }

    private Response queue(JobKind kind, String cycle, String province, String lateReason, String idempotencyKey) {
        var rb = rulebooks.current(cycle);
        if (kind == JobKind.PRE_ALLOCATION && rb.preAllocationRule().isEmpty()) {
            throw ProblemException.conflict("no-pre-allocation", "No pre-allocation in this cycle", "rulebook "
                    + rb.ref() + " has no pre-allocation (预分配): its years are allocated in one step at 核定; run "
                    + "the verification");
        }
        String scope = caller.provinceFilter(province == null || province.isBlank() ? null : province);
        if (scope != null && !cn.carbon.allocation.entity.ProvinceCodes.isProvince(scope)) {
            throw ProblemException.invalid("province", "must be a provincial GB/T 2260 code such as 320000");
        }
        StageAction action = kind == JobKind.PRE_ALLOCATION ? StageAction.PRE_ALLOCATION_RUN
                : StageAction.VERIFICATION_RUN;
        StageDeadlines.Judgement judged = deadlines.judge(rb, action, lateReason);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                kind + " " + cycle + " " + scope, () -> {
                    Job job = jobs.queue(kind, rb, scope, caller.name());
                    deadlines.record(rb, judged, scope != null ? List.of(scope) : deadlines.provincesOf(null),
                            "job:" + job.id(), caller.name());
                    return new IdempotentCommands.Answer(202, json.write(job));
                });
        Job job = readJob(answer.body());
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON)
                .location(URI.create("/api/allocation/jobs/" + job.id())).build();
    }

    private Job readJob(String body) {
        try {
            return json.mapper().readValue(body, Job.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
