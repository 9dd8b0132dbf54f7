package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What anyone may read without signing in: whether a compliance certificate (履约证明) is genuine, and the annual
 * compliance report (年度履约情况公开表).
 */
@Path("/console/public")
@Produces(MediaType.TEXT_HTML)
public class PublicPages {

    private final GatewayClient gateway;
    private final Views views;
    private final Answers answers;
    private final ConsoleCycles cycles;

    public PublicPages(GatewayClient gateway, Views views, Answers answers, ConsoleCycles cycles) {
        this.cycles = cycles;
        this.gateway = gateway;
        this.views = views;
        this.answers = answers;
    }

    @GET
    public Response home(@QueryParam("code") String code) {
        var page = views.page("public/home");
        if (code != null && !code.isBlank()) {
            String trimmed = code.strip();
            Answer answer = gateway.get("/api/surrender/certificates/" + ProvincePages.enc(trimmed) + "/verification",
                    "application/json", null);
            page.data("code", trimmed);
            if (answer.ok() && !"UNKNOWN".equals(gateway.json(answer).path("verdict").asText())) {
                page.data("verification", gateway.json(answer));
            } else if (answer.ok()) {
                // an unknown code answers 200 UNKNOWN (nothing to enumerate): to a person it is "未找到"
                page.data("verifyProblem", answers.problem(new Answer(404, "", new byte[0], null)));
            } else {
                page.data("verifyProblem", answers.problem(answer));
            }
        }
        return Response.ok(page).build();
    }

    /** The public annual compliance report: one code per entity and year, searched by name or USCC, province, year. */
    @GET
    @Path("/compliance-report")
    public Response complianceReport(@QueryParam("cycle") String cycle, @QueryParam("q") String q,
                                     @QueryParam("province") String province, @QueryParam("year") String year,
                                     @QueryParam("code") String code, @QueryParam("page") String page) {
        StringBuilder query = new StringBuilder("?size=" + REPORT_PAGE);
        Map<String, String> asked = new LinkedHashMap<>();
        // always a cycle: the service's default (its latest rulebook) would move under the visitor's feet
        asked.put("cycle", cycles.forYear(cycle, year, views.cycle()));
        asked.put("q", q);
        asked.put("province", province);
        asked.put("year", year);
        asked.put("code", code);
        asked.put("page", page);
        asked.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                query.append('&').append(k).append('=').append(ProvincePages.enc(v.strip()));
            }
        });
        var view = views.page("public/compliance-report").data("asked", asked).data("provinces", PROVINCES)
                .data("codes", CODES);
        Answer answer = gateway.get("/api/surrender/public/compliance-report" + query, "application/json", null);
        if (answer.ok()) {
            JsonNode report = gateway.json(answer);
            int at = report.path("page").asInt();
            long total = report.path("total").asLong();
            view.data("report", report)
                    .data("previous", at > 0 ? pageLink(asked, at - 1) : null)
                    .data("next", (long) (at + 1) * REPORT_PAGE < total ? pageLink(asked, at + 1) : null);
        } else {
            view.data("reportProblem", answers.problem(answer));
        }
        return Response.ok(view).build();
    }

    private static final int REPORT_PAGE = 50;
    /** surrender-service's public codes, in the order the page lists them */
    private static final List<String> CODES = List.of("ON_TIME", "LATE", "NOT_COMPLIED", "EXEMPT", "IN_PROGRESS");
    private static final List<String> PROVINCES = List.of("110000", "120000", "130000", "140000", "150000", "210000",
            "220000", "230000", "310000", "320000", "330000", "340000", "350000", "360000", "370000", "410000", "420000",
            "430000", "440000", "450000", "460000", "500000", "510000", "520000", "530000", "540000", "610000", "620000",
            "630000", "640000", "650000");

    private static String pageLink(Map<String, String> asked, int page) {
        StringBuilder link = new StringBuilder("/console/public/compliance-report?page=" + page);
        asked.forEach((k, v) -> {
            if (!"page".equals(k) && v != null && !v.isBlank()) {
                link.append('&').append(k).append('=').append(ProvincePages.enc(v.strip()));
            }
        });
        return link.toString();
    }
}
