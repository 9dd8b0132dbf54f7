package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The province's carry-over caps (配额结转上限, surrender-service, the 2024 rulebook): per entity its net sales, cap,
 * holdings and the excess above the cap, the flagged ones first to see; the list as CSV.
 */
@Path("/console/province/carry-over-caps")
@RolesAllowed("province")
public class ProvinceCarryOverPages {

    static final String CYCLE = "2024";
    static final int SHOWN = 200;

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public ProvinceCarryOverPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("flagged") String flagged) {
        boolean onlyFlagged = !"false".equals(flagged);
        Answer answer = gateway.get(path() + "&size=" + SHOWN + (onlyFlagged ? "&flagged=true" : ""),
                "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return Response.ok(views.page("province/carry-over").data("caps", gateway.json(answer))
                .data("onlyFlagged", onlyFlagged)).build();
    }

    @GET
    @Path("/csv")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public Response csv() {
        return answers.download(gateway.get(path(), "text/csv", user.token()),
                "carry-over-caps-" + CYCLE + "-" + user.provinceCode() + ".csv");
    }

    private String path() {
        return "/api/surrender/cycles/" + CYCLE + "/carry-over-caps?province=" + ProvincePages.enc(user.provinceCode());
    }
}
