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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The entity's applications and their status: CCER offsets (offset-service), what the next allocation owes for
 * approved borrowing (预支) and relief (纾困) (allocation-service's carry-over statement), the borrowing form, and the
 * CCER offset form with the year's headroom under the offset cap (offset-service).
 */
@Path("/console/entity/applications")
@RolesAllowed("entity")
@Produces(MediaType.TEXT_HTML)
public class EntityApplicationPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public EntityApplicationPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response applications() {
        return page(views.page("entity/applications"), Map.of());
    }

    /** One borrowing application of the entity's own (the service answers 404 for anyone else's). */
    @GET
    @Path("/borrowing/{id}")
    public Response borrowing(@PathParam("id") String id) {
        Answer answer = gateway.get("/api/allocation/borrowing-applications/" + ProvincePages.enc(id),
                "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return page(views.page("entity/applications").data("borrowing", gateway.json(answer)), Map.of());
    }

    @POST
    @Path("/borrowing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response applyForBorrowing(@RestForm("complianceYear") String year, @RestForm("quantityT") String quantity,
                                      @RestForm("reason") String reason, @RestForm("idempotencyKey") String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complianceYear", EntityAccountPages.number(year));
        body.put("quantityT", EntityAccountPages.number(quantity));
        body.put("reason", reason == null ? null : reason.strip());
        Answer answer = gateway.post("/api/allocation/cycles/" + views.cycle() + "/borrowing-applications",
                "application/json", gateway.write(body), user.token(), key == null || key.isBlank() ? null : key);
        TemplateInstance page = views.page("entity/applications");
        Map<String, String> entered = Map.of("complianceYear", year == null ? "" : year,
                "quantityT", quantity == null ? "" : quantity, "reason", reason == null ? "" : reason);
        if (answer.ok()) {
            return page(page.data("borrowing", gateway.json(answer)), Map.of());
        }
        Problems.Shown problem = answers.problem(answer);
        return page(page.data("problem", problem).data("invalid", Problems.fields(problem)), entered);
    }

    /**
     * A CCER offset application with one lot: {@code POST /api/offsets/applications}; the application (pending the
     * province's review) or the problem at its field (an unknown lot at the lot, over the cap at the quantity).
     */
    @POST
    @Path("/offset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response applyForOffset(@RestForm("complianceYear") String year, @RestForm("lotId") String lotId,
                                   @RestForm("quantityT") String quantity, @RestForm("idempotencyKey") String key) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("lotId", lotId == null ? null : lotId.strip());
        line.put("quantityT", EntityAccountPages.number(quantity));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", views.cycle());
        body.put("complianceYear", EntityAccountPages.number(year));
        body.put("lots", List.of(line));
        Answer answer = gateway.post("/api/offsets/applications", "application/json", gateway.write(body), user.token(),
                key == null || key.isBlank() ? null : key);
        TemplateInstance page = views.page("entity/applications");
        if (answer.ok()) {
            return page(page.data("offset", gateway.json(answer)), Map.of());
        }
        Problems.Shown problem = answers.problem(answer);
        Map<String, String> fields = new LinkedHashMap<>(Problems.fields(problem));
        // "lots" (none given, too many) is about the one lot the form has
        String lots = fields.remove("lots");
        if (lots != null) {
            fields.putIfAbsent("lotId", lots);
        }
        return page(page.data("offsetProblem", problem).data("offsetInvalid", fields),
                Map.of("offset.complianceYear", year == null ? "" : year, "offset.lotId", lotId == null ? "" : lotId,
                        "offset.quantityT", quantity == null ? "" : quantity));
    }

    private Response page(TemplateInstance page, Map<String, String> entered) {
        String uscc = ProvincePages.enc(user.entityId());
        GatewayClient.Items offsets = gateway.all("/api/offsets/applications?uscc=" + uscc + "&cycle=" + views.cycle(),
                user.token());
        if (offsets.failure() != null) {
            return answers.failed(offsets.failure());
        }
        Answer carryOver = gateway.get("/api/allocation/cycles/" + views.cycle() + "/entities/" + uscc + "/carry-over",
                "application/json", user.token());
        // the offset form's headroom per year of the cycle (cap, used, pending, remaining) and the entity's lots
        java.util.List<com.fasterxml.jackson.databind.JsonNode> headroom = new java.util.ArrayList<>();
        for (String year : views.cycle().split("-")) {
            Answer h = gateway.get("/api/offsets/entities/" + uscc + "/headroom?cycle=" + views.cycle()
                    + "&complianceYear=" + year, "application/json", user.token());
            if (h.ok()) {
                headroom.add(gateway.json(h));
            }
        }
        GatewayClient.Items lots = gateway.all("/api/offsets/ccer-lots?uscc=" + uscc, user.token());
        return Response.ok(page.data("offsets", offsets.items()).data("headroom", headroom)
                .data("lots", lots.failure() == null ? lots.items() : List.of())
                .data("offsetKey", UUID.randomUUID().toString())
                .data("carryOver", carryOver.ok() ? gateway.json(carryOver).path("statement").path("lines") : null)
                .data("cycleYears", views.cycleYears()).data("entered", entered)
                .data("idempotencyKey", UUID.randomUUID().toString())).build();
    }
}
