package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The registry's own pages: the ledger reconciliation (surrender-service; every vintage's totals sum to zero and
 * every invariant holds) and a run by its id with its progress (allocation-service has no list of runs).
 */
@Path("/console/registry")
@RolesAllowed("registry")
@Produces(MediaType.TEXT_HTML)
public class RegistryLedgerPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public RegistryLedgerPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    @Path("/reconciliation")
    public Response reconciliation() {
        Answer answer = gateway.get("/api/surrender/ledger/reconciliation", "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return Response.ok(views.page("registry/reconciliation").data("report", gateway.json(answer))).build();
    }

    @GET
    @Path("/jobs")
    public Response jobs(@QueryParam("id") String id) {
        TemplateInstance page = views.page("registry/jobs").data("jobId", id == null ? "" : id.strip());
        // the cycle's latest runs, newest first (50: a season has a few per province)
        Answer runs = gateway.get("/api/allocation/jobs?cycle=" + views.cycle() + "&size=50", "application/json",
                user.token());
        if (!runs.ok()) {
            return answers.failed(runs);
        }
        page.data("runs", gateway.json(runs));
        if (id == null || id.isBlank()) {
            return Response.ok(page).build();
        }
        Answer answer = gateway.get("/api/allocation/jobs/" + ProvincePages.enc(id.strip()), "application/json",
                user.token());
        if (answer.ok()) {
            page.data("job", Jobs.of(gateway.json(answer)));
        } else {
            Problems.Shown problem = answers.problem(answer);
            page.data("problem", problem).data("invalid", java.util.Map.of("id", problem.message()));
        }
        return Response.ok(page).build();
    }

    @GET
    @Path("/jobs/{id}/progress")
    public Response jobProgress(@PathParam("id") String id) {
        Answer answer = gateway.get("/api/allocation/jobs/" + ProvincePages.enc(id), "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return Response.ok(views.page("province/job-progress").data("job", Jobs.of(gateway.json(answer)))
                .data("pollBase", "/console/registry/jobs")).build();
    }
}
