package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A province's entities one by one: registering one of its own (登记重点排放单位), an entity's page with its
 * compliance, its special status (特殊状态: status, reasons, special note, why) and the status history, and its notice.
 */
@Path("/console/province/entities")
@RolesAllowed("province")
@Produces(MediaType.TEXT_HTML)
public class ProvinceEntityPages {

    static final List<String> STATUSES = List.of("OPERATING", "FACILITIES_CLOSED", "COMPLIANCE_RISK", "DISSOLVED");
    static final List<String> REASONS = List.of("LEGAL", "LITIGATION", "DEBT", "JUDICIAL_FREEZE");
    static final List<String> SECTORS = List.of("POWER", "STEEL", "CEMENT", "ALUMINIUM");

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public ProvinceEntityPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    @Path("/new")
    public Response registrationForm() {
        return registration(views.page("province/register"), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@RestForm("uscc") String uscc, @RestForm("name") String name,
                             @RestForm("sector") String sector, @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uscc", strip(uscc));
        body.put("name", strip(name));
        body.put("provinceCode", user.provinceCode());
        body.put("sector", strip(sector));
        Answer answer = gateway.post("/api/allocation/entities", "application/json", gateway.write(body), user.token(),
                blankToNull(key));
        if (answer.ok()) {
            return Response.seeOther(URI.create("/console/province/entities/"
                    + ProvincePages.enc(gateway.json(answer).path("uscc").asText()) + "?registered=1")).build();
        }
        Problems.Shown problem = answers.problem(answer);
        Map<String, String> entered = Map.of("uscc", orEmpty(uscc), "name", orEmpty(name), "sector", orEmpty(sector));
        return registration(views.page("province/register").data("problem", problem)
                .data("invalid", Problems.fields(problem)), entered);
    }

    private Response registration(TemplateInstance page, Map<String, String> entered) {
        return Response.ok(page.data("entered", entered).data("sectors", SECTORS)
                .data("idempotencyKey", UUID.randomUUID().toString())).build();
    }

    @GET
    @Path("/{uscc}")
    public Response entity(@PathParam("uscc") String uscc, @QueryParam("registered") String registered) {
        return entityPage(uscc, views.page("province/entity").data("registered", registered != null), Map.of(), List.of());
    }

    @POST
    @Path("/{uscc}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeStatus(@PathParam("uscc") String uscc, @RestForm("status") String status,
                                 @RestForm("reasons") List<String> reasons, @RestForm("specialNote") String note,
                                 @RestForm("why") String why, @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", strip(status));
        body.put("reasons", reasons == null ? List.of() : reasons);
        body.put("specialNote", strip(note));
        body.put("why", strip(why));
        Answer answer = gateway.put("/api/allocation/entities/" + ProvincePages.enc(uscc) + "/status",
                gateway.write(body), user.token(), blankToNull(key));
        TemplateInstance page = views.page("province/entity");
        if (answer.ok()) {
            return entityPage(uscc, page.data("statusChanged", gateway.json(answer)), Map.of(), List.of());
        }
        if (answer.status() == 404) {
            return answers.failed(answer);
        }
        Problems.Shown problem = answers.problem(answer);
        Map<String, String> entered = Map.of("status", orEmpty(status), "specialNote", orEmpty(note), "why", orEmpty(why));
        return entityPage(uscc, page.data("problem", problem).data("invalid", Problems.fields(problem)), entered,
                reasons == null ? List.of() : reasons);
    }

    private Response entityPage(String uscc, TemplateInstance page, Map<String, String> entered, List<String> reasons) {
        Answer entity = gateway.get("/api/allocation/entities/" + ProvincePages.enc(uscc), "application/json", user.token());
        if (!entity.ok()) {
            return answers.failed(entity);
        }
        Answer compliance = gateway.get("/api/surrender/compliance/" + ProvincePages.enc(uscc) + "?cycle="
                + views.cycle(), "application/json", user.token());
        Answer history = gateway.get("/api/allocation/entities/" + ProvincePages.enc(uscc) + "/status-history",
                "application/json", user.token());
        JsonNode shown = gateway.json(entity);
        if (entered.isEmpty()) {
            // the form starts from the entity's present status, note and reasons
            entered = Map.of("status", shown.path("status").asText(), "specialNote", shown.path("specialNote").asText(""),
                    "why", "");
            List<String> present = new java.util.ArrayList<>();
            shown.path("reasons").forEach(r -> present.add(r.asText()));
            reasons = present;
        }
        return Response.ok(page.data("entity", shown)
                .data("years", compliance.ok() ? gateway.json(compliance).path("years") : null)
                .data("history", history.ok() ? gateway.json(history) : null)
                .data("statuses", STATUSES).data("reasonCodes", REASONS).data("entered", entered)
                .data("checked", reasons).data("idempotencyKey", UUID.randomUUID().toString())).build();
    }

    @GET
    @Path("/{uscc}/notice.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    public Response notice(@PathParam("uscc") String uscc) {
        Answer answer = gateway.get("/api/allocation/cycles/" + views.cycle() + "/entities/" + ProvincePages.enc(uscc)
                + "/compliance-notice", "application/pdf", user.token());
        return answers.download(answer, "compliance-notice-" + uscc + ".pdf");
    }

    static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String blankToNull(String key) {
        return key == null || key.isBlank() ? null : key;
    }
}
