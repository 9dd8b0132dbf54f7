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

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Four eyes on provisional values (暂定值确认): a registry officer reads which values of a rulebook version the sources
 * leave open and who confirmed them, and confirms with a note; two officers release issuance from them.
 */
@Path("/console/registry/provisional")
@RolesAllowed("registry")
@Produces(MediaType.TEXT_HTML)
public class RegistryProvisionalPages {

    static final String DEFAULT_CYCLE = "2023";
    private static final Pattern CYCLE = Pattern.compile("\\d{4}(-\\d{4})?");

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public RegistryProvisionalPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response page(@QueryParam("cycle") String cycle) {
        return show(cycleOf(cycle), views.page("registry/provisional"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@RestForm("cycle") String cycle, @RestForm("version") String version,
                            @RestForm("note") String note, @RestForm("idempotencyKey") String key) {
        String c = cycleOf(cycle);
        TemplateInstance page = views.page("registry/provisional");
        Answer answer = gateway.post(path(c, version == null ? "" : version.strip()), "application/json",
                gateway.write(Map.of("note", note == null ? "" : note.strip())), user.token(),
                key == null || key.isBlank() ? null : key);
        if (answer.ok()) {
            page.data("confirmed", true);
        } else {
            Problems.Shown problem = answers.problem(answer);
            page.data("problem", problem).data("invalid", Problems.fields(problem));
        }
        return show(c, page);
    }

    /** The newest version of the cycle and its confirmations. */
    private Response show(String cycle, TemplateInstance page) {
        page.data("shownCycle", cycle);
        Answer versions = gateway.get("/api/allocation/cycles/" + cycle + "/rulebook/versions", "application/json",
                user.token());
        if (!versions.ok()) {
            return answers.failed(versions);
        }
        JsonNode all = gateway.json(versions);
        String version = all.path(all.size() - 1).path("version").asText();
        Answer answer = gateway.get(path(cycle, version), "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return Response.ok(page.data("version", version).data("view", gateway.json(answer))
                .data("key", java.util.UUID.randomUUID().toString())).build();
    }

    private static String path(String cycle, String version) {
        return "/api/allocation/cycles/" + cycle + "/rulebook/versions/" + ProvincePages.enc(version)
                + "/provisional-confirmations";
    }

    /** A cycle name, else the first of the annual cycles (a bad name never reaches the services). */
    private static String cycleOf(String cycle) {
        return cycle != null && CYCLE.matcher(cycle.strip()).matches() ? cycle.strip() : DEFAULT_CYCLE;
    }
}
