package cn.carbon.bench.season.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of the cycle's rulebook the data set needs, read from allocation-service's rulebook file (or the
 * {@code GET /api/allocation/cycles/{cycle}/rulebook} answer): nothing here is a constant of the rules. The generator
 * computes its own expectation of every allocation with them, independently of allocation-service's engine.
 */
public final class Rulebook {

    private final JsonNode root;

    public Rulebook(JsonNode root) {
        this.root = root.has("rulebook") && !root.has("benchmarks") ? root.get("rulebook") : root;
    }

    public static Rulebook read(Path file) throws IOException {
        return new Rulebook(new ObjectMapper().readTree(Files.readAllBytes(file)));
    }

    public String id() {
        return root.path("id").asText();
    }

    public int version() {
        return root.path("version").asInt();
    }

    public String cycle() {
        return root.path("cycle").asText();
    }

    public List<Integer> years() {
        List<Integer> years = new ArrayList<>();
        root.path("complianceYears").forEach(y -> years.add(y.asInt()));
        return years;
    }

    public String fuel(String category) {
        return value(root.path("categories").path(category)).path("fuel").asText();
    }

    public List<String> categories() {
        List<String> c = new ArrayList<>();
        root.path("categories").fieldNames().forEachRemaining(c::add);
        return c;
    }

    /** What the electricity benchmark multiplies: NET_SUPPLY (2021-2022, the default) or GROSS_GENERATION (2023 on). */
    public String outputBasis() {
        return value(root.path("outputBasis")).asText("NET_SUPPLY");
    }

    public boolean grossGeneration() {
        return "GROSS_GENERATION".equals(outputBasis());
    }

    /** The electricity benchmark of the year and category, on the rulebook's output basis. */
    public BigDecimal supplyBenchmark(int year, String category) {
        return decimal(root.path("benchmarks").path(String.valueOf(year)).path(category)
                .path(grossGeneration() ? "generation" : "supply"));
    }

    /** How the category is allocated: POWER_BENCHMARK (the default) or VERIFIED_EMISSIONS (2024 industry). */
    public String method(String category) {
        return value(root.path("categories").path(category)).path("method").asText("POWER_BENCHMARK");
    }

    public String sector(String category) {
        return value(root.path("categories").path(category)).path("sector").asText("POWER");
    }

    public boolean hasPreAllocation() {
        return root.path("preAllocation").isObject();
    }

    public boolean hasBorrowing() {
        return root.path("borrowing").isObject();
    }

    /** The vintages usable for the obligation of {@code year}. */
    public List<String> eligibleVintages(int year) {
        List<String> out = new ArrayList<>();
        value(root.path("vintages").path("eligible").path(String.valueOf(year))).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The carry-over cap's section (配额结转上限), missing where the rulebook has none. */
    public JsonNode carryOver() {
        return root.path("carryOver");
    }

    public BigDecimal carryOverBase() {
        return decimal(carryOver().path("baseT"));
    }

    public BigDecimal carryOverMultiplier() {
        return decimal(carryOver().path("netSalesMultiplier"));
    }

    public List<String> carryOverVintages() {
        List<String> out = new ArrayList<>();
        value(carryOver().path("vintages")).forEach(v -> out.add(v.asText()));
        return out;
    }

    public LocalDate carryOverNetSalesFrom() {
        return LocalDate.parse(value(carryOver().path("netSalesFrom")).asText());
    }

    public RoundingMode carryOverRounding() {
        JsonNode r = value(carryOver().path("capRounding"));
        return r.isTextual() ? RoundingMode.valueOf(r.asText()) : RoundingMode.DOWN;
    }

    public BigDecimal heatBenchmark(int year, String category) {
        return decimal(root.path("benchmarks").path(String.valueOf(year)).path(category).path("heat"));
    }

    /** The cooling factor; 1 where the rulebook has no cooling correction (2023 on). */
    public BigDecimal coolingFactor(String fuel, String cooling) {
        JsonNode c = root.path("corrections").path("cooling");
        if (c.isMissingNode()) {
            return BigDecimal.ONE;
        }
        boolean applies = false;
        for (JsonNode f : value(c.path("appliesToFuels"))) {
            applies |= f.asText().equals(fuel);
        }
        return applies ? decimal(c.path("factors").path(cooling)) : BigDecimal.ONE;
    }

    /** The heat-supply coefficient; 0 (a factor of 1) where the rulebook has no heat-supply correction (2023 on). */
    public BigDecimal heatCoefficient(String fuel) {
        if (root.path("corrections").path("heatSupply").isMissingNode()) {
            return BigDecimal.ZERO;
        }
        return decimal(root.path("corrections").path("heatSupply").path("coefficients").path(fuel));
    }

    /** The load-factor correction at {@code f}, or 1 where it does not apply (settings.loadFactorCorrectionScope). */
    public BigDecimal loadFactor(String category, BigDecimal heatRatio, BigDecimal heatGj, BigDecimal f) {
        String fuel = fuel(category);
        if (!"COAL".equals(fuel) || root.path("corrections").path("loadFactor").isMissingNode()) {
            return BigDecimal.ONE;
        }
        String scope = value(root.path("settings").path("loadFactorCorrectionScope")).asText();
        if ("CONVENTIONAL_COAL_PURE_CONDENSING_ONLY".equals(scope)) {
            boolean conventional = value(root.path("categories").path(category)).path("conventional").asBoolean();
            if (!conventional || heatRatio.signum() != 0 || heatGj.signum() != 0) {
                return BigDecimal.ONE;
            }
        }
        for (JsonNode s : value(root.path("corrections").path("loadFactor")).path("segments")) {
            BigDecimal from = new BigDecimal(s.path("from").asText());
            JsonNode to = s.path("to");
            if (f.compareTo(from) >= 0 && (to.isNull() || to.isMissingNode() || f.compareTo(new BigDecimal(to.asText())) < 0)) {
                switch (s.path("formula").asText()) {
                    case "CONSTANT":
                        return new BigDecimal(s.path("factor").asText());
                    case "LINEAR":
                        return new BigDecimal(s.path("intercept").asText()).add(new BigDecimal(s.path("slope").asText())
                                .multiply(new BigDecimal(s.path("pivot").asText())
                                        .subtract(new BigDecimal(s.path("multiplier").asText()).multiply(f))));
                    case "EXPONENTIAL": {
                        double exponent = new BigDecimal(s.path("exponentIntercept").asText())
                                .subtract(new BigDecimal(s.path("exponentSlope").asText()).multiply(f)).doubleValue();
                        return new BigDecimal(Math.pow(s.path("base").asDouble(), exponent), MathContext.DECIMAL64);
                    }
                    default:
                        throw new IllegalStateException("unknown load-factor formula " + s);
                }
            }
        }
        throw new IllegalStateException("no load-factor segment for " + f);
    }

    public BigDecimal preAllocationShare() {
        return decimal(root.path("preAllocation").path("share"));
    }

    public int preAllocationBaseYear() {
        return value(root.path("preAllocation").path("baseYear")).asInt();
    }

    public BigDecimal floorShare() {
        return decimal(root.path("allocationFloor").path("shareOfVerifiedEmissions"));
    }

    public BigDecimal borrowingThreshold() {
        return decimal(root.path("borrowing").path("gapRateThreshold"));
    }

    public BigDecimal borrowingShareOfGap() {
        return decimal(root.path("borrowing").path("maxShareOfGap"));
    }

    public String borrowingVintage() {
        return value(root.path("borrowing").path("sourceVintage")).asText();
    }

    public BigDecimal ccerCapShare() {
        return decimal(root.path("ccerOffset").path("capShareOfObligation"));
    }

    public LocalDate ccerFiledBefore() {
        return LocalDate.parse(value(root.path("ccerOffset").path("oldCcerFiledBefore")).asText());
    }

    public String gasUnitRelief() {
        return value(root.path("settings").path("gasUnitRelief")).asText();
    }

    public RoundingMode rounding(String what) {
        return RoundingMode.valueOf(value(root.path("rounding").path(what)).asText());
    }

    public String allocationVintage(int year) {
        return value(root.path("vintages").path("allocation")).path(String.valueOf(year)).asText();
    }

    public LocalDate deadline(String name) {
        return LocalDate.parse(value(root.path("deadlines").path(name)).asText());
    }

    /**
     * Issue 12: whether a COMPLIANCE_RISK entity keeps its pre-allocation in its own account (the rest of its verified
     * allocation to custody). Read from {@code differentiatedIssuance.complianceRiskKeepsPreAllocation} (top level or
     * under {@code settings}); a rulebook older than issue 12 lacks it and meant the shipped reading, true.
     */
    public boolean complianceRiskKeepsPreAllocation() {
        for (JsonNode n : List.of(root.path("differentiatedIssuance"), root.path("settings").path("differentiatedIssuance"),
                root.path("settings"))) {
            JsonNode v = value(value(n).path("complianceRiskKeepsPreAllocation"));
            if (v.isBoolean() || v.isTextual()) {
                return v.asBoolean() || "true".equalsIgnoreCase(v.asText());
            }
        }
        return true;
    }

    /**
     * Issue 12: the fine range of the penalty case (CNY, Measures art. 39: 20,000–30,000), wherever the rulebook keeps
     * it: the first object holding a minimum and a maximum ({@code min…}/{@code max…}, {@code from}/{@code to}, or a
     * two-number array) at or under a member named {@code fine…}, else under one named {@code penalt…}. Empty when
     * the rulebook has none.
     */
    public java.util.Optional<long[]> fineRangeCny() {
        java.util.Optional<long[]> fine = search(root, "fine", false);
        return fine.isPresent() ? fine : search(root, "penalt", false);
    }

    private static java.util.Optional<long[]> search(JsonNode node, String prefix, boolean inside) {
        if (inside) {
            java.util.Optional<long[]> r = range(value(node));
            if (r.isPresent()) {
                return r;
            }
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                java.util.Optional<long[]> r = search(child, prefix, inside);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            java.util.Map.Entry<String, JsonNode> f = fields.next();
            boolean named = inside || f.getKey().toLowerCase(java.util.Locale.ROOT).startsWith(prefix);
            java.util.Optional<long[]> r = search(f.getValue(), prefix, named);
            if (r.isPresent()) {
                return r;
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<long[]> range(JsonNode v) {
        if (v.isArray() && v.size() == 2 && v.get(0).isNumber() && v.get(1).isNumber()) {
            return java.util.Optional.of(new long[]{v.get(0).asLong(), v.get(1).asLong()});
        }
        Long min = null;
        Long max = null;
        java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            java.util.Map.Entry<String, JsonNode> f = fields.next();
            String k = f.getKey().toLowerCase(java.util.Locale.ROOT);
            JsonNode x = value(f.getValue());
            if (!x.isNumber() && !(x.isTextual() && x.asText().matches("\\d+"))) {
                continue;
            }
            if (k.startsWith("min") || k.equals("from") || k.startsWith("lower")) {
                min = x.asLong();
            } else if (k.startsWith("max") || k.equals("to") || k.startsWith("upper")) {
                max = x.asLong();
            }
        }
        return min != null && max != null ? java.util.Optional.of(new long[]{min, max}) : java.util.Optional.empty();
    }

    public String timeZone() {
        return root.path("timeZone").asText("Asia/Shanghai");
    }

    private static JsonNode value(JsonNode node) {
        return node.has("value") ? node.get("value") : node;
    }

    private static BigDecimal decimal(JsonNode node) {
        JsonNode v = value(node);
        if (v.isMissingNode() || v.isNull()) {
            throw new IllegalStateException("rulebook value missing: " + node);
        }
        return new BigDecimal(v.asText());
    }
}
