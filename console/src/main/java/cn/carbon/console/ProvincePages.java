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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provincial authority's pages: its entities with status and compliance progress, the unit-data import with
 * each bad row listed, pre-allocation and verification runs with their progress, and the official tables.
 */
@Path("/console/province")
@RolesAllowed("province")
@Produces(MediaType.TEXT_HTML)
public class ProvincePages {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Set<String> TABLES = Set.of("unit-allowances", "issuance-summary", "special-list");
    private static final Map<String, String> RUNS = Map.of("pre-allocation", "pre-allocation",
            "verification", "verification");

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;
    private final ProvinceOverview overview;

    public ProvincePages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers,
                         ProvinceOverview overview) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
        this.overview = overview;
    }

    @GET
    public Response entities() {
        return page(views.page("province/entities"));
    }

    private Response page(TemplateInstance page) {
        ProvinceOverview.Loaded loaded = overview.load(user.provinceCode(), user.token(), views.cycle());
        if (loaded.failure() != null) {
            return answers.failed(loaded.failure());
        }
        return Response.ok(page.data("rows", loaded.rows()).data("counts", loaded.counts())
                .data("province", user.provinceCode()).data("runKinds", List.copyOf(RUNS.keySet()).stream().sorted().toList())
                .data("cycleYears", views.cycleYears())).build();
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importUnits(@RestForm("file") FileUpload file, @RestForm("lateReason") String lateReason) {
        TemplateInstance page = views.page("province/entities");
        if (file == null || file.size() == 0) {
            return page(page.data("importProblem", new Problems.Shown(400, "invalid-request",
                    views.word("import.no_file"), "", List.of())));
        }
        byte[] csv;
        try {
            csv = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Answer answer = gateway.post(api("/api/allocation/cycles/" + views.cycle() + "/units:import", lateReason),
                "text/csv", csv, user.token(), null);
        if (answer.ok()) {
            page.data("imported", gateway.json(answer)).data("importedFile", file.fileName());
        } else {
            page.data("importProblem", answers.problem(answer)).data("importedFile", file.fileName());
        }
        return page(page);
    }

    @POST
    @Path("/runs/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response run(@PathParam("kind") String kind, @RestForm("lateReason") String lateReason) {
        if (!RUNS.containsKey(kind)) {
            return answers.failed(new Answer(404, "", new byte[0], null));
        }
        Answer answer = gateway.post(api("/api/allocation/cycles/" + views.cycle() + "/" + RUNS.get(kind), lateReason),
                null, null, user.token(), null);
        if (!answer.ok()) {
            return page(views.page("province/entities").data("runProblem", answers.problem(answer)));
        }
        String job = gateway.json(answer).path("id").asText();
        return Response.seeOther(URI.create("/console/province/jobs/" + job)).build();
    }

    @GET
    @Path("/jobs/{id}")
    public Response job(@PathParam("id") String id) {
        Answer answer = gateway.get("/api/allocation/jobs/" + enc(id), "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return Response.ok(views.page("province/job").data("job", Jobs.of(gateway.json(answer)))).build();
    }

    /** The progress bar alone, which the job page asks for every second until the run has finished. */
    @GET
    @Path("/jobs/{id}/progress")
    public Response jobProgress(@PathParam("id") String id) {
        Answer answer = gateway.get("/api/allocation/jobs/" + enc(id), "application/json", user.token());
        if (!answer.ok()) {
            return answers.failed(answer);
        }
        return Response.ok(views.page("province/job-progress").data("job", Jobs.of(gateway.json(answer)))).build();
    }

    @GET
    @Path("/tables/{table}")
    @Produces({"text/csv", XLSX, MediaType.TEXT_HTML})
    public Response table(@PathParam("table") String table, @QueryParam("format") String format,
                          @QueryParam("year") Integer year) {
        if (!TABLES.contains(table)) {
            return answers.failed(new Answer(404, "", new byte[0], null));
        }
        boolean xlsx = "xlsx".equals(format);
        String path = "/api/allocation/cycles/" + views.cycle() + "/tables/" + table + "?province="
                + enc(user.provinceCode()) + (year == null ? "" : "&year=" + year);
        Answer answer = gateway.get(path, xlsx ? XLSX : "text/csv", user.token());
        return answers.download(answer, table + "-" + user.provinceCode() + (xlsx ? ".xlsx" : ".csv"));
    }

    private static String api(String path, String lateReason) {
        return lateReason == null || lateReason.isBlank() ? path : path + "?lateReason=" + enc(lateReason.strip());
    }

    static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
