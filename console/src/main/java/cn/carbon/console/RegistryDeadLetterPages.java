package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 死信消息: per service and dead-letter topic, how many messages its consumers could not apply and the latest reasons
 * (read-only; each service answers {@code GET /api/<prefix>/dead-letters} to the registry). A service that does not
 * answer is shown as its own problem, the others still listed.
 */
@Path("/console/registry/dead-letters")
@RolesAllowed("registry")
@Produces(MediaType.TEXT_HTML)
public class RegistryDeadLetterPages {

    /** The services in the order of the work: allocation first. */
    static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("allocation-service", "/api/allocation/dead-letters");
        SERVICES.put("surrender-service", "/api/surrender/dead-letters");
        SERVICES.put("offset-service", "/api/offsets/dead-letters");
        SERVICES.put("risk-service", "/api/risk/dead-letters");
    }

    /** How many of the latest letters each topic shows. */
    static final int LATEST = 5;

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public RegistryDeadLetterPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    /** A service's section: its topics and their total, or the problem it answered. */
    public record Section(String service, long total, JsonNode topics, Problems.Shown problem) {

        public String problemId() {
            return "dlq-" + service + "-problem";
        }
    }

    @GET
    public Response page() {
        List<Section> sections = new ArrayList<>();
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            Answer answer = gateway.get(service.getValue() + "?latest=" + LATEST, "application/json", user.token());
            if (answer.ok()) {
                JsonNode topics = gateway.json(answer).path("topics");
                long total = 0;
                for (JsonNode t : topics) {
                    total += t.path("count").asLong();
                }
                sections.add(new Section(service.getKey(), total, topics, null));
            } else {
                sections.add(new Section(service.getKey(), 0, null, answers.problem(answer)));
            }
        }
        return Response.ok(views.page("registry/dead-letters").data("sections", sections)).build();
    }
}
