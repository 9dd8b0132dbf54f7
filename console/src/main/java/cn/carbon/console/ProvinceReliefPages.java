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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 纾困 (hardship relief): the province applies for one of its entities (a year, the tonnes, the public-service duty
 * and why), and sees its applications with their status and the ministry's decision.
 */
@Path("/console/province/relief")
@RolesAllowed("province")
@Produces(MediaType.TEXT_HTML)
public class ProvinceReliefPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public ProvinceReliefPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response applications() {
        return page(views.page("province/relief"), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response apply(@RestForm("uscc") String uscc, @RestForm("complianceYear") String year,
                          @RestForm("quantityT") String quantity, @RestForm("publicServiceDuty") String duty,
                          @RestForm("reason") String reason, @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uscc", ProvinceEntityPages.strip(uscc));
        body.put("complianceYear", EntityAccountPages.number(year));
        body.put("quantityT", EntityAccountPages.number(quantity));
        body.put("publicServiceDuty", ProvinceEntityPages.strip(duty));
        body.put("reason", ProvinceEntityPages.strip(reason));
        Answer answer = gateway.post("/api/allocation/cycles/" + views.cycle() + "/relief-applications",
                "application/json", gateway.write(body), user.token(), ProvinceEntityPages.blankToNull(key));
        TemplateInstance page = views.page("province/relief");
        if (answer.ok()) {
            return page(page.data("applied", gateway.json(answer)), Map.of());
        }
        Problems.Shown problem = answers.problem(answer);
        Map<String, String> entered = Map.of("uscc", ProvinceEntityPages.orEmpty(uscc),
                "complianceYear", ProvinceEntityPages.orEmpty(year), "quantityT", ProvinceEntityPages.orEmpty(quantity),
                "publicServiceDuty", ProvinceEntityPages.orEmpty(duty), "reason", ProvinceEntityPages.orEmpty(reason));
        return page(page.data("problem", problem).data("invalid", Problems.fields(problem)), entered);
    }

    private Response page(TemplateInstance page, Map<String, String> entered) {
        String province = ProvincePages.enc(user.provinceCode());
        Answer list = gateway.get("/api/allocation/cycles/" + views.cycle() + "/relief-applications?province=" + province,
                "application/json", user.token());
        if (!list.ok()) {
            return answers.failed(list);
        }
        GatewayClient.Items entities = gateway.all("/api/allocation/entities?province=" + province, user.token());
        if (entities.failure() != null) {
            return answers.failed(entities.failure());
        }
        return Response.ok(page.data("applications", gateway.json(list)).data("entities", entities.items())
                .data("cycleYears", List.of(views.cycle().split("-"))).data("entered", entered)
                .data("idempotencyKey", UUID.randomUUID().toString())).build();
    }
}
