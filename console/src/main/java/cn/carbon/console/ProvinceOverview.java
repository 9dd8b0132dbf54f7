package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A province's entities (allocation-service) joined with their compliance per year (surrender-service). */
@ApplicationScoped
public class ProvinceOverview {

    private final GatewayClient gateway;

    public ProvinceOverview(GatewayClient gateway) {
        this.gateway = gateway;
    }

    /** One compliance year of an entity: its status and how much of the obligation is met, in per cent. */
    public record Year(int year, String status, Long obligationT, Long remainingT, int progress) {
    }

    public record Row(String uscc, String name, String sector, String status, String specialNote, List<Year> years) {
    }

    /** A compliance year of the province: entities with an obligation and the share that has complied, in per cent. */
    public record Count(int year, long entities, int percent) {
    }

    /** {@code failure} set when a read was refused; then nothing else is. */
    public record Loaded(List<Row> rows, List<Count> counts, Answer failure) {
    }

    public Loaded load(String province, String token, String cycle) {
        GatewayClient.Items listed = gateway.all("/api/allocation/entities?province=" + ProvincePages.enc(province),
                token);
        if (listed.failure() != null) {
            return new Loaded(List.of(), null, listed.failure());
        }
        List<JsonNode> entities = listed.items();
        Map<String, Map<Integer, Year>> years = new LinkedHashMap<>();
        List<Count> counts = new ArrayList<>();
        GatewayClient.Items compliance = gateway.all("/api/surrender/compliance?cycle=" + cycle + "&province="
                + ProvincePages.enc(province), token);
        if (compliance.failure() == null && compliance.first() != null) {
            JsonNode body = compliance.first();
            for (JsonNode c : body.path("counts")) {
                counts.add(new Count(c.path("complianceYear").asInt(), c.path("entities").asLong(),
                        (int) Math.floor(c.path("compliedShare").asDouble() * 100)));
            }
            for (JsonNode state : compliance.items()) {
                Year year = year(state);
                years.computeIfAbsent(state.path("uscc").asText(), u -> new TreeMap<>()).put(year.year(), year);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode e : entities) {
            String uscc = e.path("uscc").asText();
            rows.add(new Row(uscc, e.path("name").asText(), e.path("sector").asText(), e.path("status").asText(),
                    e.path("specialNote").asText(""), List.copyOf(years.getOrDefault(uscc, Map.of()).values())));
        }
        return new Loaded(rows, counts, null);
    }

    static Year year(JsonNode state) {
        Long obligation = state.hasNonNull("obligationT") ? state.path("obligationT").asLong() : null;
        Long remaining = state.hasNonNull("remainingT") ? state.path("remainingT").asLong() : null;
        return new Year(state.path("complianceYear").asInt(), state.path("status").asText(), obligation, remaining,
                progress(obligation, remaining));
    }

    /** Per cent of the obligation met, 0–100; an obligation of zero (or none yet) counts as nothing to do: 0. */
    static int progress(Long obligationT, Long remainingT) {
        if (obligationT == null || obligationT <= 0 || remainingT == null) {
            return 0;
        }
        long met = Math.max(0, obligationT - Math.max(0, remainingT));
        return (int) Math.min(100, met * 100 / obligationT);
    }
}
