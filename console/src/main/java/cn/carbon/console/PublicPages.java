package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** What anyone may read without signing in: whether a compliance certificate (履约证明) is genuine. */
@Path("/console/public")
@Produces(MediaType.TEXT_HTML)
public class PublicPages {

    private final GatewayClient gateway;
    private final Views views;
    private final Answers answers;

    public PublicPages(GatewayClient gateway, Views views, Answers answers) {
        this.gateway = gateway;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response home(@QueryParam("code") String code) {
        var page = views.page("public/home");
        if (code != null && !code.isBlank()) {
            String trimmed = code.strip();
            Answer answer = gateway.get("/api/surrender/certificates/" + ProvincePages.enc(trimmed) + "/verification",
                    "application/json", null);
            page.data("code", trimmed);
            if (answer.ok() && !"UNKNOWN".equals(gateway.json(answer).path("verdict").asText())) {
                page.data("verification", gateway.json(answer));
            } else if (answer.ok()) {
                // an unknown code answers 200 UNKNOWN (nothing to enumerate): to a person it is "未找到"
                page.data("verifyProblem", answers.problem(new Answer(404, "", new byte[0], null)));
            } else {
                page.data("verifyProblem", answers.problem(answer));
            }
        }
        return Response.ok(page).build();
    }
}
