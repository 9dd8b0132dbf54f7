package cn.carbon.console;

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
import java.util.TreeMap;

/** The national view of the registry and the ministry: compliance progress per province against the 95 % and 100 % targets. */
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
    public Response dashboard() {
        GatewayClient.Items all = gateway.all("/api/surrender/compliance?cycle=" + views.cycle(), user.token());
        if (all.failure() != null) {
            return answers.failed(all.failure());
        }
        List<ProvinceYear> rows = progress(all.items(), views.words());
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("years", rows.stream().map(ProvinceYear::year).distinct().sorted().toList());
        chart.put("rows", rows);
        return Response.ok(views.page("national/dashboard").data("rows", rows)
                .data("chart", new String(gateway.write(chart), java.nio.charset.StandardCharsets.UTF_8))).build();
    }

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
