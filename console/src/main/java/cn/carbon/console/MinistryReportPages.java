package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The national compliance report of the ministry (also the registry's): per province and compliance year from the
 * compliance records (surrender-service), with the national totals, as a page and as CSV. The list of records carries
 * obligation, remaining and status; what was surrendered and offset is each entity's own record, read alongside.
 */
@Path("/console/ministry/report")
@RolesAllowed({"ministry", "registry"})
public class MinistryReportPages {

    /** Entities read at once: enough to keep the page quick, few enough to leave the services room. */
    private static final int READERS = 4;

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public MinistryReportPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    /** The rows, or the refused read. */
    private record Read(List<NationalReport.Row> rows, Answer failure) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response report(@QueryParam("cycle") String cycle, @QueryParam("asOf") String asOf) {
        String chosen = views.cycle(cycle);
        String date = RegistryPages.asOf(asOf);
        Read read = read(chosen, date);
        if (read.failure() != null) {
            return answers.failed(read.failure());
        }
        return Response.ok(views.page("ministry/report").data("rows", read.rows()).data("statuses", NationalReport.STATUSES)
                .data("chosenCycle", chosen).data("asOf", date)
                .data("asOfInvalid", asOf != null && !asOf.isBlank() && date.isEmpty())).build();
    }

    @GET
    @Path("/csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("cycle") String cycle, @QueryParam("asOf") String asOf) {
        String chosen = views.cycle(cycle);
        String date = RegistryPages.asOf(asOf);
        Read read = read(chosen, date);
        if (read.failure() != null) {
            return answers.failed(read.failure());
        }
        return Response.ok(NationalReport.csv(read.rows(), views.words()).getBytes(StandardCharsets.UTF_8))
                .type("text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"national-compliance-report-" + chosen
                        + (date.isEmpty() ? "" : "-" + date) + ".csv\"")
                .build();
    }

    private Read read(String cycle, String asOf) {
        String token = user.token();
        String at = asOf.isEmpty() ? "" : "&asOf=" + asOf;
        GatewayClient.Items all = gateway.all("/api/surrender/compliance?cycle=" + cycle + at, token);
        if (all.failure() != null) {
            return new Read(List.of(), all.failure());
        }
        Map<String, JsonNode> years = entityYears(all.items(), cycle + at, token);
        List<NationalReport.Entry> entries = new ArrayList<>();
        for (JsonNode s : all.items()) {
            JsonNode y = years.get(s.path("uscc").asText() + "|" + s.path("complianceYear").asInt());
            entries.add(new NationalReport.Entry(s.path("provinceCode").asText(), s.path("complianceYear").asInt(),
                    s.path("status").asText(), s.hasNonNull("obligationT") ? s.path("obligationT").asLong() : null,
                    s.path("obligationAddedT").asLong(), s.hasNonNull("remainingT") ? s.path("remainingT").asLong() : null,
                    y == null ? 0 : y.path("surrenderedT").asLong(), y == null ? 0 : y.path("offsetT").asLong()));
        }
        return new Read(NationalReport.of(entries), null);
    }

    /** Each entity's years (surrendered and offset tonnes) by {@code uscc|year}; an entity refused is left at zero. */
    private Map<String, JsonNode> entityYears(List<JsonNode> items, String cycleAndDate, String token) {
        List<String> usccs = items.stream().map(s -> s.path("uscc").asText()).distinct().toList();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<Answer>> reads = new ArrayList<>();
            for (String uscc : usccs) {
                reads.add(readers.submit(() -> gateway.get("/api/surrender/compliance/" + ProvincePages.enc(uscc)
                        + "?cycle=" + cycleAndDate, "application/json", token)));
            }
            Map<String, JsonNode> years = new HashMap<>();
            for (int i = 0; i < usccs.size(); i++) {
                Answer answer = reads.get(i).get();
                if (answer.ok()) {
                    for (JsonNode y : gateway.json(answer).path("years")) {
                        years.put(usccs.get(i) + "|" + y.path("complianceYear").asInt(), y);
                    }
                }
            }
            return years;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            readers.shutdownNow();
        }
    }
}
