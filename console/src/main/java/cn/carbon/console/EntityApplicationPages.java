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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The entity's applications and their status: CCER offsets (offset-service), what the next allocation owes for
 * approved borrowing (预支) and relief (纾困) (allocation-service's carry-over statement), and the borrowing form.
 */
@Path("/console/entity/applications")
@RolesAllowed("entity")
@Produces(MediaType.TEXT_HTML)
public class EntityApplicationPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public EntityApplicationPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response applications() {
        return page(views.page("entity/applications"), Map.of());
    }

    /** One borrowing application of the entity's own (the service answers 404 for anyone else's). */
    @GET
    @Path("/borrowing/{id}")
    public Response borrowing(@PathParam("id") String id) {
        Answer answer = gateway.get("/api/allocation/borrowing-applications/" + ProvincePages.enc(id),
                "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return page(views.page("entity/applications").data("borrowing", gateway.json(answer)), Map.of());
    }

    @POST
    @Path("/borrowing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response applyForBorrowing(@RestForm("complianceYear") String year, @RestForm("quantityT") String quantity,
                                      @RestForm("reason") String reason, @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complianceYear", EntityAccountPages.number(year));
        body.put("quantityT", EntityAccountPages.number(quantity));
        body.put("reason", reason == null ? null : reason.strip());
        Answer answer = gateway.post("/api/allocation/cycles/" + views.cycle() + "/borrowing-applications",
                "application/json", gateway.write(body), user.token(), key == null || key.isBlank() ? null : key);
        TemplateInstance page = views.page("entity/applications");
        Map<String, String> entered = Map.of("complianceYear", year == null ? "" : year,
                "quantityT", quantity == null ? "" : quantity, "reason", reason == null ? "" : reason);
        if (answer.ok()) {
            return page(page.data("borrowing", gateway.json(answer)), Map.of());
        }
        Problems.Shown problem = answers.problem(answer);
        return page(page.data("problem", problem).data("invalid", Problems.fields(problem)), entered);
    }

    private Response page(TemplateInstance page, Map<String, String> entered) {
        String uscc = ProvincePages.enc(user.entityId());
        GatewayClient.Items offsets = gateway.all("/api/offsets/applications?uscc=" + uscc + "&cycle=" + views.cycle(),
                user.token());
        if (offsets.failure() != null) {
            return answers.failed(offsets.failure());
        }
        Answer carryOver = gateway.get("/api/allocation/cycles/" + views.cycle() + "/entities/" + uscc + "/carry-over",
                "application/json", user.token());
        return Response.ok(page.data("offsets", offsets.items())
                .data("carryOver", carryOver.ok() ? gateway.json(carryOver).path("statement").path("lines") : null)
                .data("cycleYears", views.cycleYears()).data("entered", entered)
                .data("idempotencyKey", UUID.randomUUID().toString())).build();
    }
}
