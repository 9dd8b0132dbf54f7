package cn.carbon.offset.rest;

import cn.carbon.offset.applications.ApplicationStatus;
import cn.carbon.offset.applications.OffsetApplication;
import cn.carbon.offset.applications.OffsetApplications;
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

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Offset applications: the entity (own) applies, its province (own) reviews, the registry confirms. No {@code @Consumes}
 * here or in the other resources: the role and token are checked before the body is read, so a bad token is 401
 * whatever the content type.
 */
@Path("/api/offsets/applications")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    private final OffsetApplications applications;
    private final IdempotentCommands idempotent;
    private final Answers answers;
    private final Caller caller;

    public ApplicationResource(OffsetApplications applications, IdempotentCommands idempotent, Answers answers,
                               Caller caller) {
        this.applications = applications;
        this.idempotent = idempotent;
        this.answers = answers;
        this.caller = caller;
    }

    /** The body of POST /applications; {@code uscc} may be left out (it is the caller's own). */
    public record ApplyRequest(String uscc, String cycle, Integer complianceYear, List<OffsetApplications.Line> lots) {
    }

    public record ReviewRequest(OffsetApplications.Decision decision, String comment) {
    }

    @POST
    @Transactional
    @RolesAllowed(Role.ENTITY)
    public Response apply(ApplyRequest body, @HeaderParam("Idempotency-Key") String key) {
        if (body == null) {
            throw ProblemException.invalid("body", "an application is required");
        }
        String own = caller.entityId().orElseThrow(() -> ProblemException.notFound("entity"));
        if (body.uscc() != null && !body.uscc().equals(own)) {
            throw ProblemException.notFound("entity " + body.uscc());
        }
        return Answers.respond(idempotent.once(caller.name(), key, answers.request("POST /applications", body),
                () -> answers.answer(201, ApplicationView.of(applications.apply(own,
                        new OffsetApplications.Apply(body.cycle(), body.complianceYear(), body.lots()), caller.name())))));
    }

    @POST
    @Path("/{id}/review")
    @Transactional
    @RolesAllowed(Role.PROVINCE)
    public Response review(@PathParam("id") String id, ReviewRequest body, @HeaderParam("Idempotency-Key") String key) {
        ReviewRequest review = body == null ? new ReviewRequest(null, null) : body;
        return Answers.respond(idempotent.once(caller.name(), key, answers.request("POST /applications/" + id + "/review", review),
                () -> answers.answer(200, ApplicationView.of(applications.review(visible(id), review.decision(),
                        review.comment(), caller.name())))));
    }

    @POST
    @Path("/{id}/confirm")
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response confirm(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key) {
        return Answers.respond(idempotent.once(caller.name(), key, answers.request("POST /applications/" + id + "/confirm", null),
                () -> answers.answer(200, ApplicationView.of(applications.confirm(visible(id), caller.name())))));
    }

    @POST
    @Path("/{id}/withdraw")
    @Transactional
    @RolesAllowed(Role.ENTITY)
    public Response withdraw(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key) {
        return Answers.respond(idempotent.once(caller.name(), key, answers.request("POST /applications/" + id + "/withdraw", null),
                () -> answers.answer(200, ApplicationView.of(applications.withdraw(visible(id), caller.name())))));
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public ApplicationView get(@PathParam("id") String id) {
        return ApplicationView.of(visible(id));
    }

    @GET
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public Page<ApplicationView> list(@QueryParam("uscc") String uscc, @QueryParam("province") String province,
                                      @QueryParam("cycle") String cycle, @QueryParam("complianceYear") Integer year,
                                      @QueryParam("status") String status,
                                      @QueryParam("page") @DefaultValue("0") int page,
                                      @QueryParam("size") @DefaultValue("50") int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (caller.is(Role.ENTITY) && !caller.isNational()) {
            String own = caller.entityId().orElseThrow(() -> ProblemException.notFound("entity"));
            if (uscc != null && !uscc.isBlank() && !uscc.equals(own)) {
                throw ProblemException.notFound("applications of " + uscc);
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
        if (cycle != null && !cycle.isBlank()) {
            where.append(" and cycle = :cycle");
            params.and("cycle", cycle);
        }
        if (year != null) {
            where.append(" and complianceYear = :year");
            params.and("year", year);
        }
        if (status != null && !status.isBlank()) {
            where.append(" and status = :status");
            params.and("status", parseStatus(status));
        }
        PanacheQuery<OffsetApplication> query = OffsetApplication.find(where.toString(), Sort.by("appliedAt").and("id"), params)
                .page(Page.checkedPage(page), Page.checkedSize(size));
        return new Page<>(query.list().stream().map(ApplicationView::of).toList(), page, size, query.count());
    }

    /** The application if the caller may see it; otherwise, and for ids that are no UUID, 404. */
    private OffsetApplication visible(String id) {
        OffsetApplication app;
        try {
            app = OffsetApplication.findById(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            app = null;
        }
        caller.requireVisible(app == null ? null : app.uscc, app == null ? null : app.provinceCode, "application " + id);
        if (app == null) {
            throw ProblemException.notFound("application " + id);
        }
        return app;
    }

    private static ApplicationStatus parseStatus(String status) {
        try {
            return ApplicationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + Arrays.toString(ApplicationStatus.values()));
        }
    }
}
