package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A key emitting entity's own pages: who it is, its compliance per year and certificates, its compliance notice. */
@Path("/console/entity")
@RolesAllowed("entity")
@Produces(MediaType.TEXT_HTML)
public class EntityPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public EntityPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response home() {
        String uscc = ProvincePages.enc(user.entityId());
        Answer entity = gateway.get("/api/allocation/entities/" + uscc, "application/json", user.token());
        if (!entity.ok()) {
            return answers.failed(entity);
        }
        Answer compliance = gateway.get("/api/surrender/compliance/" + uscc + "?cycle=" + views.cycle(),
                "application/json", user.token());
        return Response.ok(views.page("entity/home").data("entity", gateway.json(entity))
                .data("years", compliance.ok() ? gateway.json(compliance).path("years") : null)).build();
    }

    @GET
    @Path("/notice.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    public Response notice() {
        Answer answer = gateway.get("/api/allocation/cycles/" + views.cycle() + "/entities/"
                + ProvincePages.enc(user.entityId()) + "/compliance-notice", "application/pdf", user.token());
        return answers.download(answer, "compliance-notice-" + user.entityId() + ".pdf");
    }
}
