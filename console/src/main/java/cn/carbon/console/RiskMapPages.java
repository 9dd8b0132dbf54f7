package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk map: nationally (registry, ministry) each province coloured by the highest level its entities' alerts
 * reached, with the provinces in a table and the alerts live below; for a province its own province highlighted and
 * its entities' current levels (risk-service's value of each) in a table. risk-service has no list of levels, so a
 * province's entities are read one by one ({@link #ENTITIES_READ} at most).
 */
@Path("/console/risk")
@Produces(MediaType.TEXT_HTML)
public class RiskMapPages {

    static final int ENTITIES_READ = 300;

    private final GatewayClient gateway;
    private final ConsoleUser user;
    private final Views views;
    private final Answers answers;
    private final LiveAlerts live;
    private final Messages messages;
    private final ObjectMapper json;

    public RiskMapPages(GatewayClient gateway, ConsoleUser user, Views views, Answers answers, LiveAlerts live,
                        Messages messages, ObjectMapper json) {
        this.gateway = gateway;
        this.user = user;
        this.views = views;
        this.answers = answers;
        this.live = live;
        this.messages = messages;
        this.json = json;
    }

    @GET
    @RolesAllowed({"registry", "ministry", "province"})
    public Response map() {
        String own = user.asProvince() && !user.asRegistry() && !user.asMinistry() ? user.provinceCode() : null;
        GatewayClient.Items alerts = gateway.all("/api/risk/alerts" + (own == null ? "" : "?province="
                + ProvincePages.enc(own)), user.token());
        if (alerts.failure() != null) {
            return answers.failed(alerts.failure());
        }
        List<RiskMap.Alert> read = alerts.items().stream().map(RiskMapPages::alert).toList();
        List<RiskMap.ProvinceRisk> provinces;
        List<JsonNode> entities = List.of();
        if (own == null) {
            provinces = RiskMap.fromAlerts(read);
        } else {
            entities = entityRisks(own);
            provinces = List.of(RiskMap.fromEntityLevels(own, entities.stream()
                    .map(e -> e.path("level").isTextual() ? e.path("level").asText() : null).toList(), read.size()));
        }
        return Response.ok(views.page("risk/map").data("provinces", provinces).data("entities", entities)
                .data("own", own).data("mapData", mapData(provinces, own))
                .data("alerts", alerts.items().subList(0, Math.min(ProvinceRiskPages.ALERTS_SHOWN, alerts.items().size())))
                .data("alertsTotal", alerts.items().size())
                .data("stream", own == null ? "/console/risk/stream" : "/console/province/risk/stream")).build();
    }

    /** Every alert as it is raised, nationally (SSE; the service scopes it). */
    @GET
    @Path("/stream")
    @RolesAllowed({"registry", "ministry"})
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return live.relay(null, user.token(), views.words(), messages.groups(views.lang()), sse);
    }

    /** The province's entities, each with risk-service's value (level null when it has none). */
    private List<JsonNode> entityRisks(String province) {
        GatewayClient.Items listed = gateway.all("/api/allocation/entities?province=" + ProvincePages.enc(province),
                user.token());
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode entity : listed.items().subList(0, Math.min(ENTITIES_READ, listed.items().size()))) {
            String uscc = entity.path("uscc").asText();
            Answer risk = gateway.get("/api/risk/entities/" + ProvincePages.enc(uscc) + "?history=0",
                    "application/json", user.token());
            var row = json.createObjectNode().put("uscc", uscc).put("name", entity.path("name").asText(""));
            if (risk.ok()) {
                JsonNode value = gateway.json(risk);
                row.set("level", value.path("level"));
                row.set("index", value.path("index"));
                row.set("complianceYear", value.path("complianceYear"));
            }
            rows.add(row);
        }
        rows.sort((a, b) -> Integer.compare(RiskMap.rank(b.path("level").asText(null)),
                RiskMap.rank(a.path("level").asText(null))));
        return rows;
    }

    private static RiskMap.Alert alert(JsonNode a) {
        return new RiskMap.Alert(a.path("uscc").asText(), a.path("provinceCode").asText(),
                a.path("complianceYear").asInt(), a.path("level").asText(), Instant.parse(a.path("raisedAt").asText()));
    }

    /** What the map's script draws, in the user's words (JSON inside the page, so "</" is escaped). */
    private String mapData(List<RiskMap.ProvinceRisk> provinces, String own) {
        Map<String, String> words = views.words();
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("0", words.get("risk_map_none"));
        for (String level : RiskMap.LEVELS) {
            levels.put(String.valueOf(RiskMap.rank(level)), words.get("level." + level));
        }
        data.put("levels", levels);
        data.put("own", own == null ? null : RiskMap.MAP_NAMES.get(own));
        data.put("alertsWord", words.get("risk_map_alerts"));
        data.put("provinces", provinces.stream().map(p -> Map.of("name", p.mapName(), "value", p.rank(),
                "alerts", p.alerts(), "alerting", p.alertingEntities())).toList());
        try {
            return json.writeValueAsString(data).replace("</", "<\\/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
