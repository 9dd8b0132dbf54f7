package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The exchange's pages (risk-service): the weekly net-purchase feed upload (CSV {@code uscc,week_start,week_end,
 * bought_t,sold_t}; all rows or none, each bad row listed by row and column) and a week's history of feeds: every
 * version, who sent it and when, its rows, the feed it replaced.
 */
@Path("/console/exchange")
@RolesAllowed("exchange")
@Produces(MediaType.TEXT_HTML)
public class ExchangePages {

    private static final String FEEDS = "/api/risk/net-purchase-feeds";

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public ExchangePages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response home(@QueryParam("week") String week) {
        TemplateInstance page = views.page("exchange/feeds");
        return history(page, week == null || week.isBlank() ? null : week.strip());
    }

    @POST
    @Path("/feeds")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("idempotencyKey") String key) {
        TemplateInstance page = views.page("exchange/feeds");
        if (file == null || file.size() == 0) {
            return history(page.data("uploadProblem", new Problems.Shown(400, "invalid-request",
                    views.word("import.no_file"), "", List.of())), null);
        }
        byte[] csv;
        try {
            csv = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Answer answer = gateway.post(FEEDS, "text/csv", csv, user.token(), key == null || key.isBlank() ? null : key);
        page.data("uploadedFile", file.fileName());
        if (!answer.ok()) {
            return history(page.data("uploadProblem", answers.problem(answer)), null);
        }
        JsonNode receipt = gateway.json(answer);
        // the history of the (first) week the feed covered, with the new version on top
        return history(page.data("receipt", receipt), receipt.path("weeks").path(0).path("weekStart").asText(null));
    }

    /** One feed: who sent it, when, how many rows, accepted or why not. */
    @GET
    @Path("/feeds/{feedId}")
    public Response feed(@PathParam("feedId") String feedId) {
        Answer answer = gateway.get(FEEDS + "/" + ProvincePages.enc(feedId), "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return Response.ok(views.page("exchange/feed").data("feed", gateway.json(answer))).build();
    }

    /** The page with a week's versions, each with its feed's sender and rows; a bad week is shown at its field. */
    private Response history(TemplateInstance page, String week) {
        page.data("idempotencyKey", UUID.randomUUID().toString()).data("week", week == null ? "" : week);
        if (week == null) {
            return Response.ok(page).build();
        }
        Answer answer = gateway.get(FEEDS + "?week=" + ProvincePages.enc(week), "application/json", user.token());
        if (answer.status() == 401 || answer.status() == 403) {
            return answers.failed(answer);
        }
        if (!answer.ok()) {
            Problems.Shown problem = answers.problem(answer);
            java.util.Map<String, String> fields = Problems.fields(problem);
            return Response.ok(page.data("historyProblem", problem).data("invalid", fields.isEmpty()
                    ? java.util.Map.of("week", problem.message()) : fields)).build();
        }
        List<JsonNode> versions = new ArrayList<>();
        for (JsonNode version : gateway.json(answer)) {
            ObjectNode row = version.deepCopy();
            Answer feed = gateway.get(FEEDS + "/" + ProvincePages.enc(version.path("feedId").asText()),
                    "application/json", user.token());
            if (feed.ok()) {
                JsonNode f = gateway.json(feed);
                row.set("receivedBy", f.path("receivedBy"));
                row.set("rowCount", f.path("rowCount"));
            }
            versions.add(row);
        }
        return Response.ok(page.data("versions", versions)).build();
    }
}
