package cn.carbon.contracts.rulebook;

import static cn.carbon.contracts.rulebook.Converters.*;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What every part of the rulebook reader shares: the errors, the root object, the years and the categories read. */
abstract class FieldReader {

    static final Pattern CYCLE = Cycle.NAME;
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    final Ctx ctx;
    final Obj root;
    List<Integer> years = List.of();
    Map<String, RuleValue<UnitCategory>> categories = Map.of();
    /** Codes declared under {@code categories}, valid or not (so one bad declaration is reported once). */
    final Set<String> declaredCategories = new LinkedHashSet<>();
    /** Codes declared with a method other than the power benchmark, valid or not: they have no benchmarks. */
    final Set<String> categoriesWithoutBenchmarks = new LinkedHashSet<>();

    FieldReader(Ctx ctx, Obj root) {
        this.ctx = ctx;
        this.root = root;
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
        boolean provisional = o.raw("provisional") != null && Boolean.TRUE.equals(o.get("provisional", bool(ctx)));
        if (provisional && Boolean.TRUE.equals(confirmed)) {
            ctx.error(o.child("provisional"), "a provisional value cannot be confirmed");
        }
        if (value == null || confirmed == null || source == null) {
            return null;
        }
        RuleValue<T> rv = new RuleValue<>(o.path, value, confirmed, source, note, provisional);
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

}
