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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decisions a province officer takes: borrowing (预支) applications of its entities (allocation-service) and the
 * review of CCER offset applications (offset-service), each approved or rejected with a reason; a refusal of the
 * service is shown beside the application it concerns, naming the field.
 */
@Path("/console/province/decisions")
@RolesAllowed("province")
@Produces(MediaType.TEXT_HTML)
public class ProvinceDecisionPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public ProvinceDecisionPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response decisions() {
        return page(views.page("province/decisions"));
    }

    @POST
    @Path("/borrowing/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decideBorrowing(@PathParam("id") String id, @RestForm("decision") String decision,
                                    @RestForm("quantityT") String quantity, @RestForm("note") String note,
                                    @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("quantityT", EntityAccountPages.number(quantity));
        body.put("note", note == null || note.isBlank() ? null : note.strip());
        Answer answer = gateway.post("/api/allocation/borrowing-applications/" + ProvincePages.enc(id) + "/decision",
                "application/json", gateway.write(body), user.token(), blankToNull(key));
        return decided(answer, id);
    }

    @POST
    @Path("/offsets/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reviewOffset(@PathParam("id") String id, @RestForm("decision") String decision,
                                 @RestForm("note") String note, @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("comment", note == null || note.isBlank() ? null : note.strip());
        Answer answer = gateway.post("/api/offsets/applications/" + ProvincePages.enc(id) + "/review",
                "application/json", gateway.write(body), user.token(), blankToNull(key));
        return decided(answer, id);
    }

    private Response decided(Answer answer, String id) {
        TemplateInstance page = views.page("province/decisions").data("decidedId", id);
        if (answer.ok()) {
            page.data("decided", gateway.json(answer));
        } else {
            Problems.Shown problem = answers.problem(answer);
            page.data("problem", problem).data("invalid", Problems.fields(problem));
        }
        return page(page);
    }

    private Response page(TemplateInstance page) {
        String province = ProvincePages.enc(user.provinceCode());
        Answer borrowing = gateway.get("/api/allocation/cycles/" + views.cycle() + "/borrowing-applications?province="
                + province, "application/json", user.token());
        if (!borrowing.ok()) {
            return answers.failed(borrowing);
        }
        GatewayClient.Items offsets = gateway.all("/api/offsets/applications?province=" + province + "&cycle="
                + views.cycle(), user.token());
        if (offsets.failure() != null) {
            return answers.failed(offsets.failure());
        }
        return Response.ok(page.data("borrowings", gateway.json(borrowing)).data("offsets", offsets.items())
                .data("key", java.util.UUID.randomUUID().toString())).build();
    }

    private static String blankToNull(String key) {
        return key == null || key.isBlank() ? null : key;
    }
}
