package cn.carbon.contracts.rulebook;

import static cn.carbon.contracts.rulebook.Converters.*;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code corrections}: the correction factors and the load-factor curves. */
abstract class CorrectionsReader extends FieldReader {

    CorrectionsReader(Ctx ctx, Obj root) {
        super(ctx, root);
    }

    Corrections readCorrections() {
        Obj c = root.obj("corrections");
        if (c == null) {
            return null;
        }
        CoolingCorrection cooling = null;
        Obj co = c.raw("cooling") == null ? null : c.obj("cooling");
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
        Obj h = c.raw("heatSupply") == null ? null : c.obj("heatSupply");
        if (h != null) {
            Map<Fuel, RuleValue<BigDecimal>> coefficients =
                    enumMap(h, "coefficients", Fuel.class, unitInterval(ctx));
            h.done();
            heat = coefficients == null ? null : new HeatSupplyCorrection(coefficients);
        }
        RuleValue<LoadFactorCurve> load = c.raw("loadFactor") == null ? null : rv(c, "loadFactor", this::curve);
        c.done();
        // an absent factor is 1 (Corrections); one that is present but invalid has been reported
        return new Corrections(cooling, heat, load);
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

}
