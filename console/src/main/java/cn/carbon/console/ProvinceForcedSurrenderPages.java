package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * 强制清缴委托: the province entrusts the registry with the forced surrender of one of its entities' custody units
 * for the cycle, and follows its orders: entrusted, or executed with the lines moved and each year's shortfall.
 */
@Path("/console/province/forced-surrenders")
@RolesAllowed("province")
@Produces(MediaType.TEXT_HTML)
public class ProvinceForcedSurrenderPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public ProvinceForcedSurrenderPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response orders() {
        return page(views.page("province/forced-surrenders"), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response entrust(@RestForm("uscc") String uscc, @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uscc", ProvinceEntityPages.strip(uscc));
        body.put("cycle", views.cycle());
        Answer answer = gateway.post("/api/surrender/forced-surrenders", "application/json", gateway.write(body),
                user.token(), ProvinceEntityPages.blankToNull(key));
        TemplateInstance page = views.page("province/forced-surrenders");
        if (answer.ok()) {
            return page(page.data("entrusted", gateway.json(answer)), Map.of());
        }
        Problems.Shown problem = answers.problem(answer);
        return page(page.data("problem", problem).data("invalid", Problems.fields(problem)),
                Map.of("uscc", ProvinceEntityPages.orEmpty(uscc)));
    }

    private Response page(TemplateInstance page, Map<String, String> entered) {
        String province = ProvincePages.enc(user.provinceCode());
        GatewayClient.Items orders = gateway.all("/api/surrender/forced-surrenders?province=" + province, user.token());
        if (orders.failure() != null) {
            return answers.failed(orders.failure());
        }
        GatewayClient.Items entities = gateway.all("/api/allocation/entities?province=" + province, user.token());
        if (entities.failure() != null) {
            return answers.failed(entities.failure());
        }
        return Response.ok(page.data("orders", ForcedSurrenderResults.all(orders.items()))
                .data("entities", entities.items()).data("entered", entered)
                .data("idempotencyKey", UUID.randomUUID().toString())).build();
    }
}
