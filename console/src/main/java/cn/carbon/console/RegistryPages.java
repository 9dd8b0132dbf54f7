package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The national view of the registry and the ministry: compliance progress per province against the 95 % and 100 %
 * targets, the same week by week (nationally or for one province), and, for the registry, issuance per vintage.
 */
@Path("/console/national")
@RolesAllowed({"registry", "ministry"})
@Produces(MediaType.TEXT_HTML)
public class RegistryPages {

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;

    public RegistryPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
    }

    /** A province's entities with an obligation in a year and how many of them have complied (on time or late). */
    public record ProvinceYear(String province, String name, int year, long entities, long complied, int percent) {
    }

    @GET
    public Response dashboard(@QueryParam("cycle") String cycle, @QueryParam("asOf") String asOf,
                              @QueryParam("province") String province, @QueryParam("year") Integer year) {
        String chosen = views.cycle(cycle);
        String date = asOf(asOf);
        GatewayClient.Items all = gateway.all("/api/surrender/compliance?cycle=" + chosen
                + (date.isEmpty() ? "" : "&asOf=" + date), user.token());
        if (all.failure() != null) {
            return answers.failed(all.failure());
        }
        List<ProvinceYear> rows = progress(all.items(), views.words());
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("years", rows.stream().map(ProvinceYear::year).distinct().sorted().toList());
        chart.put("rows", rows);
        TemplateInstance page = views.page("national/dashboard").data("rows", rows)
                .data("chart", new String(gateway.write(chart), StandardCharsets.UTF_8))
                .data("chosenCycle", chosen).data("asOf", date)
                .data("asOfInvalid", asOf != null && !asOf.isBlank() && date.isEmpty());
        weekly(page, all.items(), province, year);
        // the ledger's totals are the registry's; another role's token is refused and the section left out
        Answer ledger = gateway.get("/api/surrender/ledger/reconciliation", "application/json", user.token());
        if (ledger.ok()) {
            JsonNode vintages = gateway.json(ledger).path("vintages");
            page.data("vintages", vintages).data("issuanceChart", vintages.toString());
        }
        return Response.ok(page).build();
    }

    /** Week by week in the year and province picked (all provinces when none): entities complied and tonnes. */
    private void weekly(TemplateInstance page, List<JsonNode> items, String province, Integer year) {
        List<Integer> years = items.stream().map(s -> s.path("complianceYear").asInt()).distinct().sorted().toList();
        List<String> provinces = items.stream().map(s -> s.path("provinceCode").asText()).distinct().sorted().toList();
        int chosenYear = year != null && years.contains(year) ? year : years.isEmpty() ? 0 : years.get(0);
        String chosen = province != null && provinces.contains(province) ? province : "";
        List<WeeklyProgress.Entry> entries = items.stream()
                .filter(s -> s.path("complianceYear").asInt() == chosenYear)
                .filter(s -> chosen.isEmpty() || chosen.equals(s.path("provinceCode").asText()))
                .map(RegistryPages::entry).toList();
        WeeklyProgress.Progress progress = WeeklyProgress.of(entries, SHANGHAI);
        page.data("years", years).data("provinces", provinces).data("chosenYear", chosenYear)
                .data("chosenProvince", chosen).data("weekly", progress)
                .data("weeklyChart", new String(gateway.write(progress), StandardCharsets.UTF_8));
    }

    /** A date (yyyy-MM-dd) to read the records as of, else empty: the service's today. */
    static String asOf(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            return java.time.LocalDate.parse(text.strip()).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return "";
        }
    }

    static WeeklyProgress.Entry entry(JsonNode s) {
        return new WeeklyProgress.Entry(s.path("status").asText(),
                s.hasNonNull("obligationT") ? s.path("obligationT").asLong() : null, s.path("obligationAddedT").asLong(),
                s.hasNonNull("completedAt") ? Instant.parse(s.path("completedAt").asText()) : null);
    }

    /** The rulebooks' time zone: a week runs Monday to Sunday in Beijing time. */
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Per province and year: entities with an obligation or exempt, and those that complied (on time, late or exempt). */
    static List<ProvinceYear> progress(Iterable<JsonNode> items, Map<String, String> words) {
        Map<String, long[]> counts = new TreeMap<>();
        for (JsonNode s : items) {
            String key = s.path("provinceCode").asText() + "|" + s.path("complianceYear").asInt();
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            String status = s.path("status").asText();
            if (status.equals("COMPLIANT") || status.equals("COMPLIANT_LATE") || status.equals("EXEMPT")) {
                c[1]++;
            }
        }
        List<ProvinceYear> rows = new ArrayList<>();
        counts.forEach((key, c) -> {
            String province = key.substring(0, key.indexOf('|'));
            int year = Integer.parseInt(key.substring(key.indexOf('|') + 1));
            rows.add(new ProvinceYear(province, words.getOrDefault("province." + province, province), year, c[0], c[1],
                    (int) (c[1] * 100 / Math.max(1, c[0]))));
        });
        return rows;
    }
}
