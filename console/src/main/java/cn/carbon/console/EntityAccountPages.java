package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The entity's account (surrender-service): holdings by vintage and its ledger lines; and its surrender, a form that
 * carries one idempotency key from the moment it is shown, so that a form sent twice surrenders once.
 */
@Path("/console/entity/account")
@RolesAllowed("entity")
@Produces(MediaType.TEXT_HTML)
public class EntityAccountPages {

    static final int LINES_PER_PAGE = 50;

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public EntityAccountPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response account(@QueryParam("page") Integer page) {
        int p = page == null || page < 0 ? 0 : page;
        String uscc = ProvincePages.enc(user.entityId());
        Answer account = gateway.get("/api/surrender/accounts/" + uscc, "application/json", user.token());
        if (!account.ok()) {
            return answers.failed(account);
        }
        Answer lines = gateway.get("/api/surrender/accounts/" + uscc + "/transactions?page=" + p + "&size="
                + LINES_PER_PAGE, "application/json", user.token());
        if (!lines.ok()) {
            return answers.failed(lines);
        }
        JsonNode statement = gateway.json(lines);
        long total = statement.path("total").asLong();
        return Response.ok(views.page("entity/account").data("account", gateway.json(account))
                .data("lines", statement.path("items")).data("total", total).data("page", p)
                .data("next", (long) (p + 1) * LINES_PER_PAGE < total ? p + 1 : null)
                .data("previous", p > 0 ? p - 1 : null)).build();
    }

    @GET
    @Path("/surrender")
    public Response surrenderForm() {
        return surrenderPage(views.page("entity/surrender"), null, null);
    }

    @POST
    @Path("/surrender")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response surrender(@RestForm("complianceYear") String year, @RestForm("vintage") String vintage,
                              @RestForm("quantityT") String quantity, @RestForm("idempotencyKey") String key) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("vintage", vintage);
        line.put("quantityT", number(quantity));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uscc", user.entityId());
        body.put("complianceYear", number(year));
        body.put("lines", List.of(line));
        Answer answer = gateway.post("/api/surrender/surrenders", "application/json", gateway.write(body),
                user.token(), key == null || key.isBlank() ? null : key);
        TemplateInstance page = views.page("entity/surrender");
        Map<String, String> entered = Map.of("complianceYear", year == null ? "" : year,
                "vintage", vintage == null ? "" : vintage, "quantityT", quantity == null ? "" : quantity);
        if (answer.ok()) {
            return surrenderPage(page.data("surrendered", gateway.json(answer)), null, entered);
        }
        // the same key again would only repeat the refusal: a corrected form is a new command
        return surrenderPage(page, answers.problem(answer), entered);
    }

    private Response surrenderPage(TemplateInstance page, Problems.Shown problem, Map<String, String> entered) {
        String uscc = ProvincePages.enc(user.entityId());
        Answer account = gateway.get("/api/surrender/accounts/" + uscc, "application/json", user.token());
        if (!account.ok()) {
            return answers.failed(account);
        }
        Answer compliance = gateway.get("/api/surrender/compliance/" + uscc + "?cycle=" + views.cycle(),
                "application/json", user.token());
        List<String> vintages = new ArrayList<>();
        gateway.json(account).path("holdings").forEach(h -> vintages.add(h.path("vintage").asText()));
        if (problem != null) {
            page.data("problem", problem).data("invalid", Problems.fields(problem));
        }
        return Response.ok(page.data("account", gateway.json(account))
                .data("years", compliance.ok() ? gateway.json(compliance).path("years") : null)
                .data("cycleYears", views.cycleYears()).data("vintages", vintages)
                .data("entered", entered == null ? Map.of() : entered)
                .data("idempotencyKey", UUID.randomUUID().toString())).build();
    }

    /** A whole number as the service reads it; anything else is passed as text, so that the service names the field. */
    static Object number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return text.strip();
        }
    }
}
