package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The entity's allocation for the cycle shown, unit by unit, each factor with the input it comes from and the rule it
 * applies (allocation-service's detail), and its compliance certificates (履约证明) as the registry's PDF.
 */
@Path("/console/entity")
@RolesAllowed("entity")
public class EntityAllocationPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public EntityAllocationPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    @Path("/allocation")
    @Produces(MediaType.TEXT_HTML)
    public Response allocation() {
        Answer answer = gateway.get("/api/allocation/cycles/" + views.cycle() + "/entities/"
                + ProvincePages.enc(user.entityId()) + "/allocation", "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return Response.ok(views.page("entity/allocation").data("allocation", gateway.json(answer))).build();
    }

    /** The certificate's PDF; another entity's certificate is the service's 404, shown as 未找到. */
    @GET
    @Path("/certificates/{id}")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    public Response certificate(@PathParam("id") String id) {
        Answer answer = gateway.get("/api/surrender/certificates/" + ProvincePages.enc(id), "application/pdf",
                user.token());
        return answers.download(answer, "certificate-" + id + ".pdf");
    }
}
