package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * The province's risk pages (risk-service): the weekly net-purchase report of the final month before the deadline
 * for a week the officer picks (a week outside that month is the service's problem, shown at the field), and the
 * latest risk alerts of its entities, with those raised while the page is open put on top as they arrive.
 */
@Path("/console/province/risk")
@RolesAllowed("province")
@Produces(MediaType.TEXT_HTML)
public class ProvinceRiskPages {

    static final int ALERTS_SHOWN = 50;

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;
    private final LiveAlerts live;
    private final Messages messages;

    public ProvinceRiskPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers, LiveAlerts live,
                             Messages messages) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
        this.live = live;
        this.messages = messages;
    }

    /** The province's alerts as they are raised (SSE), each one its table row; the page's script lists them. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return live.relay(user.provinceCode(), user.token(), views.words(), messages.groups(views.lang()), sse);
    }

    @GET
    public Response risk(@QueryParam("week") String week) {
        String province = ProvincePages.enc(user.provinceCode());
        Answer alerts = gateway.get("/api/risk/alerts?province=" + province + "&page=0&size=" + ALERTS_SHOWN,
                "application/json", user.token());
        if (!alerts.ok()) {
            return answers.failed(alerts);
        }
        Answer rulebook = gateway.get("/api/risk/rulebook", "application/json", user.token());
        String reportsFrom = rulebook.ok() ? gateway.json(rulebook).path("weeklyReportsFrom").asText("") : "";
        JsonNode alertPage = gateway.json(alerts);
        TemplateInstance page = views.page("province/risk").data("alerts", alertPage.path("items"))
                .data("alertsTotal", alertPage.path("total").asLong()).data("reportsFrom", reportsFrom)
                .data("week", week == null || week.isBlank() ? reportsFrom : week.strip());
        if (week != null) {
            Answer report = gateway.get("/api/risk/provinces/" + province + "/weekly-reports?week="
                    + ProvincePages.enc(week.strip()), "application/json", user.token());
            if (report.ok()) {
                page.data("report", gateway.json(report));
            } else if (report.status() == 401 || report.status() == 403) {
                return answers.failed(report);
            } else {
                // the province is the caller's own: a 404 here is a week without a net-purchase feed
                Problems.Shown problem = answers.problem(report);
                java.util.Map<String, String> fields = Problems.fields(problem);
                page.data("problem", problem).data("invalid", fields.isEmpty()
                        ? java.util.Map.of("week", problem.message()) : fields);
            }
        }
        return Response.ok(page).build();
    }
}
