package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A forced-surrender order as its pages show it: the order itself with, once executed, how many lines moved and how
 * many tonnes were surrendered and left short over the cycle's years.
 */
public record ForcedSurrenderResults(JsonNode order, int lines, long surrenderedT, long shortfallT) {

    public String id() {
        return order.path("id").asText();
    }

    public String status() {
        return order.path("status").asText();
    }

    /** The tonnes surrendered as people read them: 1,234,567. */
    public String surrendered() {
        return String.format("%,d", surrenderedT);
    }

    public String shortfall() {
        return String.format("%,d", shortfallT);
    }

    public boolean executed() {
        return "EXECUTED".equals(status());
    }

    public static ForcedSurrenderResults of(JsonNode order) {
        int lines = 0;
        long surrendered = 0;
        long shortfall = 0;
        for (JsonNode year : order.path("years")) {
            lines += year.path("lines").size();
            surrendered += year.path("surrenderedT").asLong();
            shortfall += year.path("shortfallT").asLong();
        }
        return new ForcedSurrenderResults(order, lines, surrendered, shortfall);
    }

    public static List<ForcedSurrenderResults> all(Iterable<JsonNode> orders) {
        List<ForcedSurrenderResults> all = new ArrayList<>();
        orders.forEach(o -> all.add(of(o)));
        return all;
    }
}
