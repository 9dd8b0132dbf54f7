package cn.carbon.allocation.rulebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Parses and validates a rulebook file (JSON, see {@code rulebooks/CN-ETS-2021-2022-power.json}). Every problem is
 * reported with the path of the field ({@code corrections.cooling.factors.AIR.value: must be > 0 (was -1.05)});
 * all problems of a file are reported at once, in a {@link RulebookValidationException}. Unknown fields are errors,
 * so that a misspelt field never silently falls back to nothing.
 *
 * <p>Uses the Jackson tree model only (no reflection), so it stays native-friendly.
 */
public final class RulebookLoader {

    /** Classpath location of the rulebook shipped for the 2021-2022 power-sector cycle. */
    public static final String SHIPPED_2021_2022_POWER = "rulebooks/CN-ETS-2021-2022-power.json";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern CYCLE = Pattern.compile("\\d{4}-\\d{4}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private RulebookLoader() {
    }

    /** Loads and validates the rulebook at {@code resource} on the classpath. */
    public static Rulebook fromClasspath(String resource) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null || cl.getResource(resource) == null) {
            cl = RulebookLoader.class.getClassLoader();
        }
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no rulebook on the classpath at " + resource);
            }
            return parse(in.readAllBytes(), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rulebook " + resource, e);
        }
    }

    /** The rulebook shipped for the 2021-2022 power-sector cycle. */
    public static Rulebook shipped2021To2022Power() {
        return fromClasspath(SHIPPED_2021_2022_POWER);
    }

    public static Rulebook parse(String json, String sourceName) {
        return parse(json.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    public static Rulebook parse(byte[] json, String sourceName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RulebookValidationException(sourceName, List.of(new RulebookValidationException.FieldError(
                    "(file)", "not valid JSON: " + e.getOriginalMessage() + locationOf(e))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromTree(root, sourceName);
    }

    /** Validates an already parsed JSON tree (e.g. the body of a PUT). */
    public static Rulebook fromTree(JsonNode root, String sourceName) {
        Ctx ctx = new Ctx();
        if (root == null || !root.isObject()) {
            ctx.error("(file)", "must be a JSON object");
            throw new RulebookValidationException(sourceName, ctx.errors);
        }
        Rulebook rb = new Reader(ctx, new Obj(ctx, "", root)).read();
        if (!ctx.errors.isEmpty()) {
            throw new RulebookValidationException(sourceName, ctx.errors);
        }
        return rb;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Errors and the values read so far. */
    private static final class Ctx {
        final List<RulebookValidationException.FieldError> errors = new ArrayList<>();
        final List<RuleValue<?>> values = new ArrayList<>();

        void error(String path, String message) {
            errors.add(new RulebookValidationException.FieldError(path, message));
        }
    }

    /** Converts a JSON value at a path; records an error and returns null when it cannot. */
    @FunctionalInterface
    private interface Conv<T> {
        T convert(String path, JsonNode node);
    }

    /** A JSON object being read: remembers which fields were read so that the others can be reported. */
    private static final class Obj {
        final Ctx ctx;
        final String path;
        final JsonNode node;
        final Set<String> seen = new LinkedHashSet<>();

        Obj(Ctx ctx, String path, JsonNode node) {
            this.ctx = ctx;
            this.path = path;
            this.node = node;
        }

        String child(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        /** The field's node, or null when absent or JSON null. */
        JsonNode raw(String field) {
            seen.add(field);
            JsonNode n = node.get(field);
            return n == null || n.isNull() ? null : n;
        }

        JsonNode required(String field) {
            JsonNode n = raw(field);
            if (n == null) {
                ctx.error(child(field), "missing");
            }
            return n;
        }

        Obj obj(String field) {
            JsonNode n = required(field);
            if (n == null) {
                return null;
            }
            if (!n.isObject()) {
                ctx.error(child(field), "must be an object");
                return null;
            }
            return new Obj(ctx, child(field), n);
        }

        <T> T get(String field, Conv<T> conv) {
            JsonNode n = required(field);
            return n == null ? null : conv.convert(child(field), n);
        }

        List<String> keys() {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        /** Marks every field as read (for maps whose keys are checked by the caller). */
        void allKeysSeen() {
            seen.addAll(keys());
        }

        void done() {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!seen.contains(f)) {
                    ctx.error(child(f), "unknown field");
                }
            }
        }
    }

    // ---- converters --------------------------------------------------------------------------------------------

    private static Conv<BigDecimal> decimal(Ctx ctx, Predicate<BigDecimal> ok, String requirement) {
        return (path, n) -> {
            if (!n.isNumber()) {
                ctx.error(path, "must be a number");
                return null;
            }
            BigDecimal d = n.decimalValue();
            if (!ok.test(d)) {
                ctx.error(path, "must be " + requirement + " (was " + d.toPlainString() + ")");
                return null;
            }
            return d;
        };
    }

    private static Conv<BigDecimal> positive(Ctx ctx) {
        return decimal(ctx, d -> d.signum() > 0, "> 0");
    }

    private static Conv<BigDecimal> nonNegative(Ctx ctx) {
        return decimal(ctx, d -> d.signum() >= 0, ">= 0");
    }

    /** A share in (0, 1]. */
    private static Conv<BigDecimal> share(Ctx ctx) {
        return decimal(ctx, d -> d.signum() > 0 && d.compareTo(BigDecimal.ONE) <= 0, "within (0, 1]");
    }

    /** A fraction in [0, 1]. */
    private static Conv<BigDecimal> unitInterval(Ctx ctx) {
        return decimal(ctx, d -> d.signum() >= 0 && d.compareTo(BigDecimal.ONE) <= 0, "within [0, 1]");
    }

    private static Conv<Integer> integer(Ctx ctx) {
        return (path, n) -> {
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                ctx.error(path, "must be an integer");
                return null;
            }
            return n.intValue();
        };
    }

    private static Conv<String> text(Ctx ctx) {
        return (path, n) -> {
            if (!n.isTextual() || n.asText().isBlank()) {
                ctx.error(path, "must be a non-empty string");
                return null;
            }
            return n.asText();
        };
    }

    private static Conv<Boolean> bool(Ctx ctx) {
        return (path, n) -> {
            if (!n.isBoolean()) {
                ctx.error(path, "must be true or false");
                return null;
            }
            return n.booleanValue();
        };
    }

    private static Conv<LocalDate> date(Ctx ctx) {
        return (path, n) -> {
            if (!n.isTextual()) {
                ctx.error(path, "must be a date (YYYY-MM-DD)");
                return null;
            }
            try {
                return LocalDate.parse(n.asText());
            } catch (DateTimeException e) {
                ctx.error(path, "must be a date (YYYY-MM-DD) (was '" + n.asText() + "')");
                return null;
            }
        };
    }

    private static <E extends Enum<E>> Conv<E> enumOf(Ctx ctx, Class<E> type, Set<E> allowed) {
        return (path, n) -> {
            String names = allowed.stream().map(Enum::name).reduce((a, b) -> a + ", " + b).orElse("");
            if (n.isTextual()) {
                for (E e : allowed) {
                    if (e.name().equals(n.asText())) {
                        return e;
                    }
                }
            }
            ctx.error(path, "must be one of " + names + " (was " + n + ")");
            return null;
        };
    }

    private static <E extends Enum<E>> Conv<E> enumOf(Ctx ctx, Class<E> type) {
        return enumOf(ctx, type, EnumSet.allOf(type));
    }

    private static <T> Conv<List<T>> listOf(Ctx ctx, Conv<T> element, boolean allowEmpty) {
        return (path, n) -> {
            if (!n.isArray()) {
                ctx.error(path, "must be an array");
                return null;
            }
            if (!allowEmpty && n.isEmpty()) {
                ctx.error(path, "must not be empty");
                return null;
            }
            List<T> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < n.size(); i++) {
                if (n.get(i).isNull()) {
                    ctx.error(path + "[" + i + "]", "must not be null");
                    ok = false;
                    continue;
                }
                T t = element.convert(path + "[" + i + "]", n.get(i));
                if (t == null) {
                    ok = false;
                } else if (out.contains(t)) {
                    ctx.error(path + "[" + i + "]", "duplicate " + t);
                    ok = false;
                } else {
                    out.add(t);
                }
            }
            return ok ? List.copyOf(out) : null;
        };
    }

    // ---- the reader --------------------------------------------------------------------------------------------

    private static final class Reader {
        final Ctx ctx;
        final Obj root;
        List<Integer> years = List.of();
        Map<String, RuleValue<UnitCategory>> categories = Map.of();
        /** Codes declared under {@code categories}, valid or not (so one bad declaration is reported once). */
        final Set<String> declaredCategories = new LinkedHashSet<>();

        Reader(Ctx ctx, Obj root) {
            this.ctx = ctx;
            this.root = root;
        }

        Rulebook read() {
            String id = root.get("id", text(ctx));
            String cycle = root.get("cycle", (p, n) -> {
                String s = text(ctx).convert(p, n);
                if (s != null && !CYCLE.matcher(s).matches()) {
                    ctx.error(p, "must look like 2021-2022 (was '" + s + "')");
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
            PenaltyRule penalties = readPenalties();
            RuleValue<NoticeSenders> senders = root.raw("complianceNoticeSender") == null ? null
                    : rv(root, "complianceNoticeSender", this::noticeSenders);
            root.done();

            checkDeadlineRef(borrowing == null ? null : borrowing.applicationDeadline(), deadlines);
            checkDeadlineRef(ccer == null ? null : ccer.oldCcerUsableUntil(), deadlines);

            if (!ctx.errors.isEmpty()) {
                return null;
            }
            return new Rulebook(id, cycle, version, sector, title, basis, zone, years, categories, sizeBoundary,
                    benchmarks, balanceValues, corrections, pre, differentiated, floor, borrowing, ccer, vintages,
                    deadlines, targets, rounding, settings, penalties, senders, List.copyOf(ctx.values));
        }

        String optionalText(Obj o, String field) {
            JsonNode n = o.raw(field);
            return n == null ? null : text(ctx).convert(o.child(field), n);
        }

        /** Reads a {value, confirmed, source[, note, unit]} object that may carry {@code extras}. */
        <T> RuleValue<T> rvFrom(Obj o, Conv<T> conv) {
            JsonNode v = o.required("value");
            T value = v == null ? null : conv.convert(o.child("value"), v);
            Boolean confirmed = o.get("confirmed", bool(ctx));
            String source = o.get("source", text(ctx));
            String note = optionalText(o, "note");
            optionalText(o, "unit");
            if (value == null || confirmed == null || source == null) {
                return null;
            }
            RuleValue<T> rv = new RuleValue<>(o.path, value, confirmed, source, note);
            ctx.values.add(rv);
            return rv;
        }

        <T> RuleValue<T> rv(Obj parent, String field, Conv<T> conv) {
            if (parent == null) {
                return null;
            }
            Obj o = parent.obj(field);
            if (o == null) {
                return null;
            }
            RuleValue<T> rv = rvFrom(o, conv);
            o.done();
            return rv;
        }

        Integer yearKey(String path, String key) {
            try {
                int y = Integer.parseInt(key);
                if (!years.contains(y)) {
                    ctx.error(path, "not a compliance year of this rulebook (complianceYears: " + years + ")");
                    return null;
                }
                return y;
            } catch (NumberFormatException e) {
                ctx.error(path, "must be a year");
                return null;
            }
        }

        boolean knownCategory(String path, String key) {
            if (!declaredCategories.contains(key)) {
                ctx.error(path, "unknown category '" + key + "' (declared categories: "
                        + String.join(", ", declaredCategories) + ")");
                return false;
            }
            return true;
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
            Fuel fuel = o.get("fuel", enumOf(ctx, Fuel.class));
            Boolean conventional = o.get("conventional", bool(ctx));
            String name = o.get("name", text(ctx));
            o.done();
            return fuel == null || conventional == null || name == null ? null
                    : new UnitCategory(code, fuel, conventional, name);
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
                    RuleValue<BigDecimal> supply = rv(b, "supply", positive(ctx));
                    RuleValue<BigDecimal> heat = rv(b, "heat", positive(ctx));
                    b.done();
                    if (supply != null && heat != null) {
                        byCat.put(ck, new CategoryBenchmarks(supply, heat));
                    }
                }
                ofYear.allKeysSeen();
                for (String declared : declaredCategories) {
                    if (!ofYear.node.has(declared)) {
                        ctx.error(ofYear.child(declared),
                                "missing (every declared category needs supply and heat benchmarks for every year)");
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

        Corrections readCorrections() {
            Obj c = root.obj("corrections");
            if (c == null) {
                return null;
            }
            CoolingCorrection cooling = null;
            Obj co = c.obj("cooling");
            if (co != null) {
                RuleValue<Set<Fuel>> fuels = rv(co, "appliesToFuels", (p, n) -> {
                    List<Fuel> l = listOf(ctx, enumOf(ctx, Fuel.class), true).convert(p, n);
                    return l == null ? null
                            : l.isEmpty() ? Set.<Fuel>of() : Collections.unmodifiableSet(EnumSet.copyOf(l));
                });
                Map<Cooling, RuleValue<BigDecimal>> factors = enumMap(co, "factors", Cooling.class, positive(ctx));
                co.done();
                if (fuels != null && factors != null) {
                    cooling = new CoolingCorrection(fuels, factors);
                }
            }
            HeatSupplyCorrection heat = null;
            Obj h = c.obj("heatSupply");
            if (h != null) {
                Map<Fuel, RuleValue<BigDecimal>> coefficients =
                        enumMap(h, "coefficients", Fuel.class, unitInterval(ctx));
                h.done();
                heat = coefficients == null ? null : new HeatSupplyCorrection(coefficients);
            }
            RuleValue<LoadFactorCurve> load = rv(c, "loadFactor", this::curve);
            c.done();
            return cooling == null || heat == null || load == null ? null : new Corrections(cooling, heat, load);
        }

        /** An object with one rule value per constant of {@code type}, all required. */
        <E extends Enum<E>> Map<E, RuleValue<BigDecimal>> enumMap(Obj parent, String field, Class<E> type,
                                                                 Conv<BigDecimal> conv) {
            Obj o = parent.obj(field);
            if (o == null) {
                return null;
            }
            Map<E, RuleValue<BigDecimal>> out = new EnumMap<>(type);
            boolean ok = true;
            for (E e : type.getEnumConstants()) {
                RuleValue<BigDecimal> v = rv(o, e.name(), conv);
                if (v == null) {
                    ok = false;
                } else {
                    out.put(e, v);
                }
            }
            o.done();
            return ok ? Collections.unmodifiableMap(out) : null;
        }

        LoadFactorCurve curve(String path, JsonNode n) {
            if (!n.isObject()) {
                ctx.error(path, "must be an object {segments: [...]}");
                return null;
            }
            Obj o = new Obj(ctx, path, n);
            JsonNode segs = o.required("segments");
            o.done();
            if (segs == null) {
                return null;
            }
            String segsPath = o.child("segments");
            if (!segs.isArray() || segs.isEmpty()) {
                ctx.error(segsPath, "must be a non-empty array");
                return null;
            }
            List<LoadFactorSegment> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < segs.size(); i++) {
                LoadFactorSegment s = segment(segsPath + "[" + i + "]", segs.get(i));
                if (s == null) {
                    ok = false;
                } else {
                    out.add(s);
                }
            }
            if (!ok) {
                return null;
            }
            out.sort((a, b) -> a.from().compareTo(b.from()));
            if (out.get(0).from().signum() != 0) {
                ctx.error(segsPath, "must cover every load factor from 0 (lowest 'from' is "
                        + out.get(0).from().toPlainString() + ")");
                ok = false;
            }
            for (int i = 0; i < out.size(); i++) {
                LoadFactorSegment s = out.get(i);
                boolean last = i == out.size() - 1;
                if (!last && s.to() == null) {
                    ctx.error(segsPath, "only the highest segment may have no upper bound ('to' = null), not the one from "
                            + s.from().toPlainString());
                    ok = false;
                } else if (!last && s.to().compareTo(out.get(i + 1).from()) != 0) {
                    ctx.error(segsPath, "segments must be contiguous: the one from " + s.from().toPlainString()
                            + " ends at " + s.to().toPlainString() + " but the next starts at "
                            + out.get(i + 1).from().toPlainString());
                    ok = false;
                } else if (last && s.to() != null) {
                    ctx.error(segsPath, "the highest segment must have no upper bound ('to': null)");
                    ok = false;
                }
            }
            return ok ? new LoadFactorCurve(List.copyOf(out)) : null;
        }

        LoadFactorSegment segment(String path, JsonNode n) {
            if (n == null || !n.isObject()) {
                ctx.error(path, "must be an object");
                return null;
            }
            Obj o = new Obj(ctx, path, n);
            BigDecimal from = o.get("from", nonNegative(ctx));
            JsonNode toNode = o.raw("to");
            BigDecimal to = toNode == null ? null : positive(ctx).convert(o.child("to"), toNode);
            if (from != null && to != null && to.compareTo(from) <= 0) {
                ctx.error(o.child("to"), "must be greater than 'from' (" + from.toPlainString() + ")");
                to = null;
                from = null;
            }
            String formula = o.get("formula", text(ctx));
            LoadFactorFormula f = null;
            if (formula != null) {
                switch (formula) {
                    case "CONSTANT" -> {
                        BigDecimal factor = o.get("factor", positive(ctx));
                        f = factor == null ? null : new LoadFactorFormula.Constant(factor);
                    }
                    case "LINEAR" -> {
                        BigDecimal intercept = o.get("intercept", decimal(ctx, d -> true, "a number"));
                        BigDecimal slope = o.get("slope", decimal(ctx, d -> true, "a number"));
                        BigDecimal pivot = o.get("pivot", decimal(ctx, d -> true, "a number"));
                        BigDecimal multiplier = o.get("multiplier", decimal(ctx, d -> true, "a number"));
                        if (intercept != null && slope != null && pivot != null && multiplier != null) {
                            LoadFactorFormula.Linear lin =
                                    new LoadFactorFormula.Linear(intercept, slope, pivot, multiplier);
                            if (from != null && (linearAt(lin, from).signum() <= 0
                                    || (to != null && linearAt(lin, to).signum() <= 0))) {
                                ctx.error(path, "the factor must be > 0 over the whole segment");
                            } else {
                                f = lin;
                            }
                        }
                    }
                    case "EXPONENTIAL" -> {
                        BigDecimal base = o.get("base", positive(ctx));
                        BigDecimal ei = o.get("exponentIntercept", decimal(ctx, d -> true, "a number"));
                        BigDecimal es = o.get("exponentSlope", decimal(ctx, d -> true, "a number"));
                        f = base == null || ei == null || es == null ? null
                                : new LoadFactorFormula.Exponential(base, ei, es);
                    }
                    default -> ctx.error(o.child("formula"),
                            "must be one of CONSTANT, LINEAR, EXPONENTIAL (was '" + formula + "')");
                }
            }
            o.done();
            return from == null || f == null || (toNode != null && to == null) ? null
                    : new LoadFactorSegment(from, to, f);
        }

        BigDecimal linearAt(LoadFactorFormula.Linear l, BigDecimal x) {
            return l.intercept().add(l.slope().multiply(l.pivot().subtract(l.multiplier().multiply(x))));
        }

        PreAllocationRule readPreAllocation() {
            Obj o = root.obj("preAllocation");
            if (o == null) {
                return null;
            }
            RuleValue<BigDecimal> share = rv(o, "share", share(ctx));
            RuleValue<Integer> baseYear = rv(o, "baseYear", (p, n) -> {
                Integer y = integer(ctx).convert(p, n);
                if (y != null && !years.contains(y)) {
                    ctx.error(p, "must be one of the compliance years " + years + " (was " + y + ")");
                    return null;
                }
                return y;
            });
            o.done();
            return share == null || baseYear == null ? null : new PreAllocationRule(share, baseYear);
        }

        DifferentiatedIssuanceRule readDifferentiatedIssuance() {
            Obj o = root.obj("differentiatedIssuance");
            if (o == null) {
                return null;
            }
            RuleValue<Boolean> keeps = rv(o, "complianceRiskKeepsPreAllocation", bool(ctx));
            o.done();
            return keeps == null ? null : new DifferentiatedIssuanceRule(keeps);
        }

        FloorRule readFloor() {
            Obj o = root.obj("allocationFloor");
            if (o == null) {
                return null;
            }
            RuleValue<BigDecimal> share = rv(o, "shareOfVerifiedEmissions", share(ctx));
            o.done();
            return share == null ? null : new FloorRule(share);
        }

        BorrowingRule readBorrowing() {
            Obj o = root.obj("borrowing");
            if (o == null) {
                return null;
            }
            RuleValue<BigDecimal> threshold = rv(o, "gapRateThreshold", unitInterval(ctx));
            RuleValue<BigDecimal> maxShare = rv(o, "maxShareOfGap", share(ctx));
            RuleValue<String> vintage = rv(o, "sourceVintage", text(ctx));
            RuleValue<String> deadline = rv(o, "applicationDeadline", text(ctx));
            o.done();
            return threshold == null || maxShare == null || vintage == null || deadline == null ? null
                    : new BorrowingRule(threshold, maxShare, vintage, deadline);
        }

        CcerOffsetRule readCcer() {
            Obj o = root.obj("ccerOffset");
            if (o == null) {
                return null;
            }
            RuleValue<BigDecimal> cap = rv(o, "capShareOfObligation", unitInterval(ctx));
            RuleValue<LocalDate> filedBefore = rv(o, "oldCcerFiledBefore", date(ctx));
            RuleValue<String> usableUntil = rv(o, "oldCcerUsableUntil", text(ctx));
            RuleValue<Boolean> firstCycle = rv(o, "firstCycleCancelledUnusedUsable", bool(ctx));
            o.done();
            return cap == null || filedBefore == null || usableUntil == null || firstCycle == null ? null
                    : new CcerOffsetRule(cap, filedBefore, usableUntil, firstCycle);
        }

        VintageRule readVintages() {
            Obj o = root.obj("vintages");
            if (o == null) {
                return null;
            }
            RuleValue<Map<Integer, String>> allocation = rv(o, "allocation", (p, n) -> {
                if (!n.isObject()) {
                    ctx.error(p, "must be an object {year: vintage}");
                    return null;
                }
                Obj a = new Obj(ctx, p, n);
                Map<Integer, String> m = new LinkedHashMap<>();
                for (String yk : a.keys()) {
                    Integer y = yearKey(a.child(yk), yk);
                    String v = a.get(yk, text(ctx));
                    if (y != null && v != null) {
                        m.put(y, v);
                    }
                }
                for (Integer y : years) {
                    if (!m.containsKey(y) && !n.has(String.valueOf(y))) {
                        ctx.error(a.child(String.valueOf(y)), "missing (every compliance year needs its vintage)");
                    }
                }
                return Collections.unmodifiableMap(m);
            });
            Obj el = o.obj("eligible");
            Map<Integer, RuleValue<List<String>>> eligible = new LinkedHashMap<>();
            if (el != null) {
                for (String yk : el.keys()) {
                    Integer y = yearKey(el.child(yk), yk);
                    RuleValue<List<String>> v = rv(el, yk, listOf(ctx, text(ctx), false));
                    if (y != null && v != null) {
                        eligible.put(y, v);
                    }
                }
                el.allKeysSeen();
                for (Integer y : years) {
                    if (!el.node.has(String.valueOf(y))) {
                        ctx.error(el.child(String.valueOf(y)), "missing (every compliance year needs its eligible vintages)");
                    }
                }
            }
            RuleValue<List<String>> borrowedOnly = rv(o, "borrowedOnly", listOf(ctx, text(ctx), true));
            o.done();
            return allocation == null || el == null || borrowedOnly == null ? null
                    : new VintageRule(allocation, Collections.unmodifiableMap(eligible), borrowedOnly);
        }

        Map<String, Deadline> readDeadlines(ZoneId zone) {
            Obj o = root.obj("deadlines");
            if (o == null) {
                return Map.of();
            }
            Map<String, Deadline> out = new LinkedHashMap<>();
            Set<StageAction> bound = EnumSet.noneOf(StageAction.class);
            for (String key : o.keys()) {
                Obj d = o.obj(key);
                if (d == null) {
                    continue;
                }
                RuleValue<LocalDate> date = rvFrom(d, date(ctx));
                DeadlineKind kind = d.get("kind", enumOf(ctx, DeadlineKind.class));
                String description = d.get("description", text(ctx));
                JsonNode applies = d.raw("appliesTo");
                List<StageAction> appliesTo = applies == null ? List.of()
                        : listOf(ctx, enumOf(ctx, StageAction.class), true).convert(d.child("appliesTo"), applies);
                d.done();
                for (StageAction a : appliesTo == null ? List.<StageAction>of() : appliesTo) {
                    if (!bound.add(a)) {
                        ctx.error(d.child("appliesTo"), a + " is bound by another deadline already (one each)");
                    }
                }
                if (date != null && kind != null && description != null && zone != null) {
                    out.put(key, new Deadline(key, date, kind, description, zone, appliesTo));
                }
            }
            o.allKeysSeen();
            return Collections.unmodifiableMap(out);
        }

        ComplianceTarget complianceTarget(String path, JsonNode n, Map<String, Deadline> deadlines) {
            if (!n.isObject()) {
                ctx.error(path, "must be an object {deadline, shareOfEntities}");
                return null;
            }
            Obj o = new Obj(ctx, path, n);
            String deadline = o.get("deadline", text(ctx));
            BigDecimal share = o.get("shareOfEntities", share(ctx));
            o.done();
            if (deadline != null && !deadlines.containsKey(deadline)) {
                ctx.error(o.child("deadline"), "unknown deadline '" + deadline + "'");
                return null;
            }
            return deadline == null || share == null ? null : new ComplianceTarget(deadline, share);
        }

        void checkDeadlineRef(RuleValue<String> ref, Map<String, Deadline> deadlines) {
            if (ref != null && !deadlines.containsKey(ref.value())) {
                ctx.error(ref.path() + ".value", "unknown deadline '" + ref.value() + "' (deadlines: "
                        + String.join(", ", deadlines.keySet()) + ")");
            }
        }

        /** {@code {operating: REGISTRY|PROVINCE, special: REGISTRY|PROVINCE}}. */
        NoticeSenders noticeSenders(String path, JsonNode n) {
            if (!n.isObject()) {
                ctx.error(path, "must be an object {operating, special}");
                return null;
            }
            Obj o = new Obj(ctx, path, n);
            Conv<NoticeSenders.Sender> sender = enumOf(ctx, NoticeSenders.Sender.class);
            NoticeSenders.Sender operating = o.get("operating", sender);
            NoticeSenders.Sender special = o.get("special", sender);
            o.done();
            return operating == null || special == null ? null : new NoticeSenders(operating, special);
        }

        /** Optional (versions stored before it existed have none): {@code fineRangeCny {value: {min, max}}}. */
        PenaltyRule readPenalties() {
            if (root.raw("penalties") == null) {
                return null;
            }
            Obj o = root.obj("penalties");
            RuleValue<FineRange> range = rv(o, "fineRangeCny", (p, n) -> {
                if (!n.isObject()) {
                    ctx.error(p, "must be an object {min, max}");
                    return null;
                }
                Obj r = new Obj(ctx, p, n);
                BigDecimal min = r.get("min", positive(ctx));
                BigDecimal max = r.get("max", positive(ctx));
                r.done();
                if (min != null && max != null && min.compareTo(max) > 0) {
                    ctx.error(p, "min must not be above max");
                    return null;
                }
                return min == null || max == null ? null : new FineRange(min, max);
            });
            o.done();
            return range == null ? null : new PenaltyRule(range);
        }

        RoundingRules readRounding() {
            Obj o = root.obj("rounding");
            if (o == null) {
                return null;
            }
            Set<RoundingMode> modes = EnumSet.complementOf(EnumSet.of(RoundingMode.UNNECESSARY));
            Conv<RoundingMode> mode = enumOf(ctx, RoundingMode.class, modes);
            RuleValue<RoundingMode> unit = rv(o, "unitAllowance", mode);
            RuleValue<RoundingMode> pre = rv(o, "unitPreAllocation", mode);
            RuleValue<RoundingMode> floor = rv(o, "floor", mode);
            RuleValue<RoundingMode> borrowing = rv(o, "borrowingCeiling", mode);
            RuleValue<RoundingMode> ccer = rv(o, "ccerCap", mode);
            o.done();
            return unit == null || pre == null || floor == null || borrowing == null || ccer == null ? null
                    : new RoundingRules(unit, pre, floor, borrowing, ccer);
        }

        Settings readSettings() {
            Obj o = root.obj("settings");
            if (o == null) {
                return null;
            }
            RuleValue<GasUnitRelief> gas = setting(o, "gasUnitRelief", GasUnitRelief.class);
            RuleValue<GapRateDenominator> gap = setting(o, "gapRateDenominator", GapRateDenominator.class);
            RuleValue<LoadFactorScope> scope = setting(o, "loadFactorCorrectionScope", LoadFactorScope.class);
            o.done();
            return gas == null || gap == null || scope == null ? null : new Settings(gas, gap, scope);
        }

        /** A setting: a rule value naming an enum constant, with an optional list of the options. */
        <E extends Enum<E>> RuleValue<E> setting(Obj parent, String field, Class<E> type) {
            Obj o = parent.obj(field);
            if (o == null) {
                return null;
            }
            RuleValue<E> v = rvFrom(o, enumOf(ctx, type));
            JsonNode options = o.raw("options");
            if (options != null) {
                List<E> opts = listOf(ctx, enumOf(ctx, type), false).convert(o.child("options"), options);
                if (opts != null && v != null && !opts.contains(v.value())) {
                    ctx.error(o.child("options"), "must include the value " + v.value());
                }
            }
            o.done();
            return v;
        }
    }
}
