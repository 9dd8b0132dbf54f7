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
 * 逾期履约申请: after the compliance deadline an entity that has not complied asks its province to let it surrender
 * late (a year and why); its requests with their status are listed.
 */
@Path("/console/entity/late-compliance")
@RolesAllowed("entity")
@Produces(MediaType.TEXT_HTML)
public class EntityLateCompliancePages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public EntityLateCompliancePages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response requests() {
        return page(views.page("entity/late-compliance"), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ask(@RestForm("complianceYear") String year, @RestForm("reason") String reason,
                        @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uscc", user.entityId());
        body.put("complianceYear", EntityAccountPages.number(year));
        body.put("reason", ProvinceEntityPages.strip(reason));
        Answer answer = gateway.post("/api/surrender/late-compliance-requests", "application/json", gateway.write(body),
                user.token(), ProvinceEntityPages.blankToNull(key));
        TemplateInstance page = views.page("entity/late-compliance");
        if (answer.ok()) {
            return page(page.data("asked", gateway.json(answer)), Map.of());
        }
        Problems.Shown problem = answers.problem(answer);
        return page(page.data("problem", problem).data("invalid", Problems.fields(problem)),
                Map.of("complianceYear", ProvinceEntityPages.orEmpty(year), "reason", ProvinceEntityPages.orEmpty(reason)));
    }

    private Response page(TemplateInstance page, Map<String, String> entered) {
        GatewayClient.Items requests = gateway.all("/api/surrender/late-compliance-requests", user.token());
        if (requests.failure() != null) {
            return answers.failed(requests.failure());
        }
        return Response.ok(page.data("requests", requests.items()).data("entered", entered)
                .data("cycleYears", List.of(views.cycle().split("-")))
                .data("idempotencyKey", UUID.randomUUID().toString())).build();
    }
}
