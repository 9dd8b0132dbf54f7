package cn.carbon.contracts.rulebook;

import static cn.carbon.contracts.rulebook.Converters.*;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a whole rulebook: identity, years, categories, benchmarks and balance values, then every section. */
final class RulebookReader extends ScheduleReader {

    /** The key of the electricity benchmark: {@code supply} or {@code generation}, per {@code outputBasis}. */
    private OutputBasis basisOfBenchmarks;

    RulebookReader(Ctx ctx, Obj root) {
        super(ctx, root);
    }

    Rulebook read() {
        String id = root.get("id", text(ctx));
        String cycle = root.get("cycle", (p, n) -> {
            String s = text(ctx).convert(p, n);
            if (s != null && !CYCLE.matcher(s).matches()) {
                ctx.error(p, "must look like 2021-2022 or 2023 (was '" + s + "')");
                return null;
            }
            return s;
        });
        Integer version = root.get("version", (p, n) -> {
            Integer v = integer(ctx).convert(p, n);
            if (v != null && v < 1) {
                ctx.error(p, "must be >= 1 (was " + v + ")");
                return null;
            }
            return v;
        });
        String sector = root.get("sector", text(ctx));
        String title = optionalText(root, "title");
        String basis = optionalText(root, "basis");
        ZoneId zone = root.get("timeZone", (p, n) -> {
            String s = text(ctx).convert(p, n);
            if (s == null) {
                return null;
            }
            try {
                return ZoneId.of(s);
            } catch (DateTimeException e) {
                ctx.error(p, "unknown time zone '" + s + "'");
                return null;
            }
        });
        List<Integer> ys = root.get("complianceYears", listOf(ctx, integer(ctx), false));
        years = ys == null ? List.of() : ys;
        RuleValue<OutputBasis> outputBasis = root.raw("outputBasis") == null
                ? new RuleValue<>("outputBasis", OutputBasis.NET_SUPPLY, true, "default: a rulebook without "
                + "outputBasis gives its benchmarks on net supply (2021-2022)", null)
                : rv(root, "outputBasis", enumOf(ctx, OutputBasis.class));
        basisOfBenchmarks = outputBasis == null ? null : outputBasis.value();

        categories = readCategories();
        RuleValue<BigDecimal> sizeBoundary = rv(root, "categorySizeBoundaryMw", positive(ctx));
        Map<Integer, Map<String, CategoryBenchmarks>> benchmarks = readBenchmarks();
        RuleValue<Map<Integer, Map<String, BigDecimal>>> balanceValues =
                rv(root, "balanceValues", this::balanceValues);
        Corrections corrections = readCorrections();
        PreAllocationRule pre = readPreAllocation();
        DifferentiatedIssuanceRule differentiated = readDifferentiatedIssuance();
        FloorRule floor = readFloor();
        BorrowingRule borrowing = readBorrowing();
        CcerOffsetRule ccer = readCcer();
        VintageRule vintages = readVintages();
        Map<String, Deadline> deadlines = readDeadlines(zone);
        RuleValue<List<ComplianceTarget>> targets = rv(root, "complianceTargets",
                listOf(ctx, (p, n) -> complianceTarget(p, n, deadlines), false));
        RoundingRules rounding = readRounding();
        Settings settings = readSettings();
        NetPurchaseReporting netPurchaseReporting = readNetPurchaseReporting();
        PenaltyRule penalties = readPenalties();
        RuleValue<NoticeSenders> senders = root.raw("complianceNoticeSender") == null ? null
                : rv(root, "complianceNoticeSender", this::noticeSenders);
        CarryOverRule carryOver = readCarryOver();
        root.done();

        checkDeadlineRef(borrowing == null ? null : borrowing.applicationDeadline(), deadlines);
        checkDeadlineRef(ccer == null ? null : ccer.oldCcerUsableUntil(), deadlines);
        checkDeadlineRef(ccer == null ? null : ccer.applicationOpens(), deadlines);
        checkDeadlineRef(ccer == null ? null : ccer.applicationDeadline(), deadlines);
        checkDeadlineRef(carryOver == null ? null : carryOver.cutOff(), deadlines);

        if (!ctx.errors.isEmpty()) {
            return null;
        }
        return new Rulebook(id, cycle, version, sector, title, basis, zone, years, outputBasis, categories, sizeBoundary,
                benchmarks, balanceValues, corrections, pre, differentiated, floor, borrowing, ccer, vintages,
                deadlines, targets, rounding, settings, penalties, senders, netPurchaseReporting, carryOver,
                List.copyOf(ctx.values));
    }


    /** Absent where holdings carry over without a cap (2021-2022: every 2019-2022 vintage). */
    CarryOverRule readCarryOver() {
        if (root.raw("carryOver") == null) {
            return null;
        }
        Obj o = root.obj("carryOver");
        RuleValue<Long> base = rv(o, "baseT", (p, n) -> {
            Integer v = integer(ctx).convert(p, n);
            if (v != null && v < 0) {
                ctx.error(p, "must be >= 0 (was " + v + ")");
                return null;
            }
            return v == null ? null : v.longValue();
        });
        RuleValue<BigDecimal> multiplier = rv(o, "netSalesMultiplier", nonNegative(ctx));
        RuleValue<List<String>> vintages = rv(o, "vintages", listOf(ctx, text(ctx), false));
        RuleValue<java.time.LocalDate> from = rv(o, "netSalesFrom", date(ctx));
        RuleValue<String> cutOff = rv(o, "cutOff", text(ctx));
        RuleValue<java.math.RoundingMode> rounding = rv(o, "capRounding", enumOf(ctx, java.math.RoundingMode.class,
                java.util.EnumSet.complementOf(java.util.EnumSet.of(java.math.RoundingMode.UNNECESSARY))));
        o.done();
        return base == null || multiplier == null || vintages == null || from == null || cutOff == null
                || rounding == null ? null : new CarryOverRule(base, multiplier, vintages, from, cutOff, rounding);
    }

    Map<String, RuleValue<UnitCategory>> readCategories() {
        Obj cats = root.obj("categories");
        if (cats == null) {
            return Map.of();
        }
        Map<String, RuleValue<UnitCategory>> out = new LinkedHashMap<>();
        for (String code : cats.keys()) {
            String path = cats.child(code);
            if (!CODE.matcher(code).matches()) {
                ctx.error(path, "a category code must be upper-case letters, digits and _");
                continue;
            }
            declaredCategories.add(code);
            RuleValue<UnitCategory> c = rv(cats, code, (p, n) -> category(p, n, code));
            if (c != null) {
                out.put(code, c);
            }
        }
        cats.allKeysSeen();
        if (out.isEmpty() && cats.keys().isEmpty()) {
            ctx.error(cats.path, "must declare at least one category");
        }
        return Collections.unmodifiableMap(out);
    }

    UnitCategory category(String path, JsonNode n, String code) {
        if (!n.isObject()) {
            ctx.error(path, "must be an object");
            return null;
        }
        Obj o = new Obj(ctx, path, n);
        AllocationMethod method = o.raw("method") == null ? AllocationMethod.POWER_BENCHMARK
                : o.get("method", enumOf(ctx, AllocationMethod.class));
        if (method != null && method != AllocationMethod.POWER_BENCHMARK) {
            categoriesWithoutBenchmarks.add(code);
        }
        String name = o.get("name", text(ctx));
        if (method != null && method != AllocationMethod.INTENSITY) {
            refuseIntensityParameters(o, method);
        }
        if (method == AllocationMethod.VERIFIED_EMISSIONS || method == AllocationMethod.INTENSITY) {
            // a production line of steel, cement or aluminium: no fuel, no power benchmark, its sector named
            String sector = o.get("sector", text(ctx));
            IntensityParameters intensity = method == AllocationMethod.INTENSITY ? intensityParameters(o) : null;
            o.done();
            return sector == null || name == null || (method == AllocationMethod.INTENSITY && intensity == null)
                    ? null : new UnitCategory(code, null, true, name, sector, method, intensity);
        }
        Fuel fuel = o.get("fuel", enumOf(ctx, Fuel.class));
        Boolean conventional = o.get("conventional", bool(ctx));
        String sector = o.raw("sector") == null ? "POWER" : o.get("sector", text(ctx));
        o.done();
        return fuel == null || conventional == null || name == null || method == null || sector == null ? null
                : new UnitCategory(code, fuel, conventional, name, sector, method);
    }

    private static final List<String> INTENSITY_FIELDS =
            List.of("productOutput", "intensityBenchmark", "balanceCoefficient");

    /** The output, benchmark and coefficient of an INTENSITY category: every one required, each reported alone. */
    private IntensityParameters intensityParameters(Obj o) {
        RuleValue<String> output = intensityParameter(o, "productOutput", text(ctx), IntensityParameters.OUTPUT_UNIT);
        RuleValue<BigDecimal> benchmark = intensityParameter(o, "intensityBenchmark", positive(ctx),
                IntensityParameters.BENCHMARK_UNIT);
        RuleValue<BigDecimal> coefficient = intensityParameter(o, "balanceCoefficient", positive(ctx), null);
        return output == null || benchmark == null || coefficient == null ? null
                : new IntensityParameters(output, benchmark, coefficient);
    }

    private <T> RuleValue<T> intensityParameter(Obj o, String field, Conv<T> conv, String unit) {
        JsonNode n = o.node.get(field);
        if (n == null || n.isNull()) {
            o.raw(field);
            ctx.error(o.child(field), "missing (an INTENSITY category needs " + String.join(", ", INTENSITY_FIELDS)
                    + ")");
            return null;
        }
        boolean unitOk = unit == null || !n.isObject() || unit.equals(n.path("unit").asText(null));
        if (!unitOk) {
            ctx.error(o.child(field) + ".unit", "must be \"" + unit + "\" (was "
                    + (n.has("unit") ? n.get("unit").toString() : "missing") + ")");
        }
        RuleValue<T> value = rv(o, field, conv);
        return unitOk ? value : null;
    }

    /** Output, intensity benchmark and balance coefficient belong to the INTENSITY method only. */
    private void refuseIntensityParameters(Obj o, AllocationMethod method) {
        for (String field : INTENSITY_FIELDS) {
            if (o.node.has(field)) {
                o.raw(field);
                ctx.error(o.child(field), "only an INTENSITY category declares " + field + " (this one is allocated by "
                        + method + ")");
            }
        }
    }

    Map<Integer, Map<String, CategoryBenchmarks>> readBenchmarks() {
        Obj all = root.obj("benchmarks");
        if (all == null) {
            return Map.of();
        }
        Map<Integer, Map<String, CategoryBenchmarks>> out = new LinkedHashMap<>();
        for (String yk : all.keys()) {
            Integer year = yearKey(all.child(yk), yk);
            Obj ofYear = all.obj(yk);
            if (year == null || ofYear == null) {
                continue;
            }
            Map<String, CategoryBenchmarks> byCat = new LinkedHashMap<>();
            for (String ck : ofYear.keys()) {
                if (!knownCategory(ofYear.child(ck), ck)) {
                    continue;
                }
                Obj b = ofYear.obj(ck);
                if (b == null) {
                    continue;
                }
                RuleValue<BigDecimal> electricity = basisOfBenchmarks == null ? null
                        : rv(b, basisOfBenchmarks.key(), positive(ctx));
                RuleValue<BigDecimal> heat = rv(b, "heat", positive(ctx));
                b.done();
                if (electricity != null && heat != null) {
                    byCat.put(ck, new CategoryBenchmarks(electricity, heat));
                }
            }
            ofYear.allKeysSeen();
            for (String declared : declaredCategories) {
                RuleValue<UnitCategory> c = categories.get(declared);
                boolean benchmarked = !categoriesWithoutBenchmarks.contains(declared)
                        && (c == null || c.value().byBenchmark());
                if (!benchmarked && ofYear.node.has(declared)) {
                    ctx.error(ofYear.child(declared), "category " + declared + " is allocated by "
                            + (c == null ? "another method" : c.value().method()) + ": it has no benchmarks");
                } else if (benchmarked && !ofYear.node.has(declared)) {
                    ctx.error(ofYear.child(declared),
                            "missing (every declared category needs electricity and heat benchmarks for every year)");
                }
            }
            out.put(year, Collections.unmodifiableMap(byCat));
        }
        all.allKeysSeen();
        for (Integer y : years) {
            if (!all.node.has(String.valueOf(y))) {
                ctx.error(all.child(String.valueOf(y)), "missing (benchmarks are needed for every compliance year)");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    Map<Integer, Map<String, BigDecimal>> balanceValues(String path, JsonNode n) {
        if (!n.isObject()) {
            ctx.error(path, "must be an object {year: {category: value}}");
            return null;
        }
        Obj o = new Obj(ctx, path, n);
        Map<Integer, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        for (String yk : o.keys()) {
            Integer year = yearKey(o.child(yk), yk);
            Obj ofYear = o.obj(yk);
            if (year == null || ofYear == null) {
                continue;
            }
            Map<String, BigDecimal> byCat = new LinkedHashMap<>();
            for (String ck : ofYear.keys()) {
                if (knownCategory(ofYear.child(ck), ck)) {
                    BigDecimal v = ofYear.get(ck, positive(ctx));
                    if (v != null) {
                        byCat.put(ck, v);
                    }
                }
            }
            ofYear.allKeysSeen();
            out.put(year, Collections.unmodifiableMap(byCat));
        }
        o.allKeysSeen();
        return Collections.unmodifiableMap(out);
    }

}
