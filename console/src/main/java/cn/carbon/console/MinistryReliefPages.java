package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ministry's 纾困 (relief) decisions: every province's relief applications of a cycle (allocation-service), each
 * pending one approved (for the requested quantity or less) or rejected with a note; the service's refusal (four
 * eyes, above the gap left, no longer pending…) shown beside the application it concerns.
 */
@Path("/console/ministry/relief")
@RolesAllowed("ministry")
@Produces(MediaType.TEXT_HTML)
public class MinistryReliefPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public MinistryReliefPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response applications(@QueryParam("cycle") String cycle) {
        return page(views.page("ministry/relief"), views.cycle(cycle));
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") String id, @RestForm("cycle") String cycle,
                           @RestForm("decision") String decision, @RestForm("quantityT") String quantity,
                           @RestForm("note") String note, @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("quantityT", EntityAccountPages.number(quantity));
        body.put("note", note == null || note.isBlank() ? null : note.strip());
        Answer answer = gateway.post("/api/allocation/relief-applications/" + ProvincePages.enc(id) + "/decision",
                "application/json", gateway.write(body), user.token(), key == null || key.isBlank() ? null : key);
        TemplateInstance page = views.page("ministry/relief").data("decidedId", id);
        if (answer.ok()) {
            page.data("decided", gateway.json(answer));
        } else {
            Problems.Shown problem = answers.problem(answer);
            page.data("problem", problem).data("invalid", Problems.fields(problem));
        }
        return page(page, views.cycle(cycle));
    }

    private Response page(TemplateInstance page, String cycle) {
        Answer listed = gateway.get("/api/allocation/cycles/" + cycle + "/relief-applications", "application/json",
                user.token());
        if (!listed.ok()) {
            return answers.failed(listed);
        }
        return Response.ok(page.data("applications", gateway.json(listed))
                .data("chosenCycle", cycle).data("key", UUID.randomUUID().toString())).build();
    }
}
