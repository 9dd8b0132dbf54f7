package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The converters of rulebook fields: each records an error at its path and returns null when it cannot. */
final class Converters {

    private Converters() {
    }


    static Conv<BigDecimal> decimal(Ctx ctx, Predicate<BigDecimal> ok, String requirement) {
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

    static Conv<BigDecimal> positive(Ctx ctx) {
        return decimal(ctx, d -> d.signum() > 0, "> 0");
    }

    static Conv<BigDecimal> nonNegative(Ctx ctx) {
        return decimal(ctx, d -> d.signum() >= 0, ">= 0");
    }

    /** A share in (0, 1]. */
    static Conv<BigDecimal> share(Ctx ctx) {
        return decimal(ctx, d -> d.signum() > 0 && d.compareTo(BigDecimal.ONE) <= 0, "within (0, 1]");
    }

    /** A fraction in [0, 1]. */
    static Conv<BigDecimal> unitInterval(Ctx ctx) {
        return decimal(ctx, d -> d.signum() >= 0 && d.compareTo(BigDecimal.ONE) <= 0, "within [0, 1]");
    }

    static Conv<Integer> integer(Ctx ctx) {
        return (path, n) -> {
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                ctx.error(path, "must be an integer");
                return null;
            }
            return n.intValue();
        };
    }

    static Conv<String> text(Ctx ctx) {
        return (path, n) -> {
            if (!n.isTextual() || n.asText().isBlank()) {
                ctx.error(path, "must be a non-empty string");
                return null;
            }
            return n.asText();
        };
    }

    static Conv<Boolean> bool(Ctx ctx) {
        return (path, n) -> {
            if (!n.isBoolean()) {
                ctx.error(path, "must be true or false");
                return null;
            }
            return n.booleanValue();
        };
    }

    static Conv<LocalDate> date(Ctx ctx) {
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

    static <E extends Enum<E>> Conv<E> enumOf(Ctx ctx, Class<E> type, Set<E> allowed) {
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

    static <E extends Enum<E>> Conv<E> enumOf(Ctx ctx, Class<E> type) {
        return enumOf(ctx, type, EnumSet.allOf(type));
    }

    static <T> Conv<List<T>> listOf(Ctx ctx, Conv<T> element, boolean allowEmpty) {
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

}
