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

import java.util.UUID;

/**
 * The registry's side of 强制清缴: the orders the provinces entrusted, each executed here (by an officer other than
 * the one who entrusted it), with the lines moved from custody and each year's shortfall; the latest executed below.
 */
@Path("/console/registry/forced-surrenders")
@RolesAllowed("registry")
@Produces(MediaType.TEXT_HTML)
public class RegistryForcedSurrenderPages {

    /** The executed orders shown: the latest page of them, the rest stays with the API. */
    static final int EXECUTED_SHOWN = 50;

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public RegistryForcedSurrenderPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response orders() {
        return page(views.page("registry/forced-surrenders"));
    }

    @POST
    @Path("/{id}/execute")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response execute(@PathParam("id") String id, @RestForm("idempotencyKey") String key) {
        Answer answer = gateway.post("/api/surrender/forced-surrenders/" + ProvincePages.enc(id) + "/execute",
                null, null, user.token(), ProvinceEntityPages.blankToNull(key));
        TemplateInstance page = views.page("registry/forced-surrenders").data("decidedId", id);
        if (answer.ok()) {
            page.data("executed", ForcedSurrenderResults.of(gateway.json(answer)));
        } else {
            page.data("problem", answers.problem(answer));
        }
        return page(page);
    }

    private Response page(TemplateInstance page) {
        GatewayClient.Items entrusted = gateway.all("/api/surrender/forced-surrenders?status=ENTRUSTED", user.token());
        if (entrusted.failure() != null) {
            return answers.failed(entrusted.failure());
        }
        Answer executed = gateway.get("/api/surrender/forced-surrenders?status=EXECUTED&page=0&size=" + EXECUTED_SHOWN,
                "application/json", user.token());
        if (!executed.ok()) {
            return answers.failed(executed);
        }
        return Response.ok(page.data("entrusted", ForcedSurrenderResults.all(entrusted.items()))
                .data("done", ForcedSurrenderResults.all(gateway.json(executed).path("items")))
                .data("key", UUID.randomUUID().toString())).build();
    }
}
