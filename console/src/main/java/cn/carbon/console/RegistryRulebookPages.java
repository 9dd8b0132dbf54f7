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
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rulebook versions of a cycle (allocation-service): who uploaded which version, the upload of a new one (a JSON
 * file; the service's problems listed by field, nothing stored on a refusal) and what changed between two versions.
 */
@Path("/console/registry/rulebooks")
@RolesAllowed("registry")
@Produces(MediaType.TEXT_HTML)
public class RegistryRulebookPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public RegistryRulebookPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response rulebooks(@QueryParam("cycle") String cycle, @QueryParam("from") Integer from,
                              @QueryParam("to") Integer to) {
        String chosen = views.cycle(cycle);
        TemplateInstance page = views.page("registry/rulebooks");
        if (from != null && to != null) {
            Answer before = version(chosen, from);
            Answer after = before.ok() ? version(chosen, to) : before;
            if (!after.ok()) {
                page.data("diffProblem", answers.problem(after));
            } else {
                page.data("changes", JsonDiff.between(gateway.json(before), gateway.json(after)));
            }
        }
        return page(page, chosen, from, to);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("cycle") String cycle, @RestForm("file") FileUpload file,
                           @RestForm("idempotencyKey") String key) {
        String chosen = views.cycle(cycle);
        TemplateInstance page = views.page("registry/rulebooks");
        if (file == null || file.size() == 0) {
            Problems.Shown none = new Problems.Shown(400, "invalid-request", views.word("rulebook_no_file"), "", List.of());
            return page(page.data("uploadProblem", none).data("invalid", java.util.Map.of("file", none.message())),
                    chosen, null, null);
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Answer answer = gateway.put("/api/allocation/cycles/" + chosen + "/rulebook", body, user.token(),
                key == null || key.isBlank() ? null : key);
        if (answer.ok()) {
            page.data("uploaded", gateway.json(answer));
        } else {
            Problems.Shown problem = answers.problem(answer);
            page.data("uploadProblem", problem).data("invalid", java.util.Map.of("file", problem.message()));
        }
        return page(page.data("uploadedFile", file.fileName()), chosen, null, null);
    }

    private Response page(TemplateInstance page, String cycle, Integer from, Integer to) {
        Answer answer = gateway.get("/api/allocation/cycles/" + cycle + "/rulebook/versions", "application/json",
                user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        JsonNode versions = gateway.json(answer);
        List<Integer> numbers = new ArrayList<>();
        versions.forEach(v -> numbers.add(v.path("version").asInt()));
        int last = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
        int previous = numbers.size() < 2 ? last : numbers.get(numbers.size() - 2);
        return Response.ok(page.data("versions", versions).data("numbers", numbers)
                .data("chosenCycle", cycle).data("from", from == null ? previous : from).data("to", to == null ? last : to)
                .data("idempotencyKey", UUID.randomUUID().toString())).build();
    }

    private Answer version(String cycle, int version) {
        return gateway.get("/api/allocation/cycles/" + cycle + "/rulebook?version=" + version, "application/json",
                user.token());
    }
}
