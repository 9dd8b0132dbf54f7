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
 * 逾期履约确认: the late-compliance requests of the province's entities, each still requested confirmed by an
 * officer other than the one who asked (the service's four eyes); a refusal is shown beside the request.
 */
@Path("/console/province/late-compliance")
@RolesAllowed("province")
@Produces(MediaType.TEXT_HTML)
public class ProvinceLateCompliancePages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public ProvinceLateCompliancePages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response requests() {
        return page(views.page("province/late-compliance"));
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("id") String id, @RestForm("idempotencyKey") String key) {
        Answer answer = gateway.post("/api/surrender/late-compliance-requests/" + ProvincePages.enc(id) + "/confirm",
                null, null, user.token(), ProvinceEntityPages.blankToNull(key));
        TemplateInstance page = views.page("province/late-compliance").data("decidedId", id);
        if (answer.ok()) {
            page.data("confirmed", gateway.json(answer));
        } else {
            page.data("problem", answers.problem(answer));
        }
        return page(page);
    }

    private Response page(TemplateInstance page) {
        GatewayClient.Items requests = gateway.all("/api/surrender/late-compliance-requests?province="
                + ProvincePages.enc(user.provinceCode()), user.token());
        if (requests.failure() != null) {
            return answers.failed(requests.failure());
        }
        return Response.ok(page.data("requests", requests.items()).data("key", UUID.randomUUID().toString())).build();
    }
}
