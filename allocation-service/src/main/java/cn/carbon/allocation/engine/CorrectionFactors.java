package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.Cooling;
import cn.carbon.contracts.rulebook.Fuel;
import cn.carbon.contracts.rulebook.LoadFactorCurve;
import cn.carbon.contracts.rulebook.LoadFactorFormula;
import cn.carbon.contracts.rulebook.LoadFactorScope;
import cn.carbon.contracts.rulebook.LoadFactorSegment;
import cn.carbon.contracts.rulebook.RuleValue;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.UnitCategory;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The correction factors of the unit formula (RULES.md §4.3, §3 K11–K13): cooling Fl, heat supply Fr and load
 * factor Ff. Every coefficient, threshold and scope comes from the rulebook ({@code corrections.*},
 * {@code settings.loadFactorCorrectionScope}); a factor that does not apply is 1 and says why.
 */
public final class CorrectionFactors {

    /**
     * Memo of the exponential segment: a 40-digit power costs far more than the rest of a unit's allowance, and the
     * same load factors recur across the units of a national run and across runs. A pure function of its key, so
     * the memo never changes a result.
     */
    private static final Map<ExponentialAt, BigDecimal> EXPONENTIAL = new ConcurrentHashMap<>();
    private static final int MAX_MEMO = 100_000;

    private record ExponentialAt(LoadFactorFormula.Exponential formula, BigDecimal loadFactor) {
    }

    private CorrectionFactors() {
    }

    /** Fl: the cooling factor of the unit's cooling type, for the fuels the rulebook lists; otherwise 1. */
    public static AppliedFactor cooling(Rulebook rb, UnitCategory category, Cooling cooling) {
        var rule = rb.corrections().cooling();
        if (rule == null) {
            return absent(FactorKind.COOLING, rb, "cooling");
        }
        if (!rule.appliesToFuels().value().contains(category.fuel())) {
            return new AppliedFactor(FactorKind.COOLING, false, BigDecimal.ONE,
                    "not applicable to " + category.fuel() + " units", rule.appliesToFuels().path());
        }
        RuleValue<BigDecimal> f = rule.factors().get(cooling);
        return new AppliedFactor(FactorKind.COOLING, true, f.value(), cooling + "-cooled " + category.fuel() + " unit",
                f.path());
    }

    /** Fr = 1 − coefficient(fuel) × heat ratio; 1 for a unit with heat ratio 0 (pure condensing / pure power). */
    public static AppliedFactor heatSupply(Rulebook rb, UnitCategory category, BigDecimal heatRatio) {
        if (rb.corrections().heatSupply() == null) {
            return absent(FactorKind.HEAT_SUPPLY, rb, "heatSupply");
        }
        RuleValue<BigDecimal> c = rb.corrections().heatSupply().coefficients().get(category.fuel());
        BigDecimal value = BigDecimal.ONE.subtract(c.value().multiply(heatRatio));
        boolean applied = heatRatio.signum() != 0;
        String basis = applied
                ? "1 - " + c.value().toPlainString() + " x heat ratio " + heatRatio.toPlainString()
                : "heat ratio 0 (no heat supplied)";
        return new AppliedFactor(FactorKind.HEAT_SUPPLY, applied, value, basis, c.path());
    }

    /** Whether the load-factor correction applies to this unit under the rulebook's scope setting. */
    public static boolean loadFactorApplies(Rulebook rb, UnitCategory category, UnitYearData data) {
        if (rb.corrections().loadFactor() == null || category.fuel() != Fuel.COAL) {
            return false;
        }
        LoadFactorScope scope = rb.settings().loadFactorCorrectionScope().value();
        return switch (scope) {
            case ALL_COAL_UNITS_INCLUDING_CHP -> true;
            case CONVENTIONAL_COAL_PURE_CONDENSING_ONLY -> category.conventional() && isPureCondensing(data);
        };
    }

    /** Ff: the load-factor curve at the unit's load factor, where the scope setting says it applies; otherwise 1. */
    public static AppliedFactor load(Rulebook rb, UnitCategory category, UnitYearData data) {
        RuleValue<LoadFactorCurve> curve = rb.corrections().loadFactor();
        if (curve == null) {
            return absent(FactorKind.LOAD, rb, "loadFactor");
        }
        String scopePath = rb.settings().loadFactorCorrectionScope().path();
        if (!loadFactorApplies(rb, category, data)) {
            String why = category.fuel() != Fuel.COAL
                    ? "not applicable to " + category.fuel() + " units"
                    : "outside the scope " + rb.settings().loadFactorCorrectionScope().value();
            return new AppliedFactor(FactorKind.LOAD, false, BigDecimal.ONE, why, scopePath);
        }
        if (data.loadFactor() == null) {
            throw new UnitDataException(data.unitId(), "loadFactor",
                    "missing; the load-factor correction applies to this unit (" + scopePath + ")");
        }
        BigDecimal f = data.loadFactor();
        LoadFactorSegment segment = curve.value().segmentFor(f);
        BigDecimal value = loadFactorAt(segment.formula(), f);
        return new AppliedFactor(FactorKind.LOAD, true, value,
                "load factor " + f.toPlainString() + " in [" + segment.from().toPlainString() + ", "
                        + (segment.to() == null ? "∞" : segment.to().toPlainString()) + ")",
                curve.path());
    }

    /** Evaluates one segment's formula at load factor F. Linear and constant segments are exact. */
    public static BigDecimal loadFactorAt(LoadFactorFormula formula, BigDecimal f) {
        if (formula instanceof LoadFactorFormula.Constant c) {
            return c.factor();
        }
        if (formula instanceof LoadFactorFormula.Linear l) {
            return l.intercept().add(l.slope().multiply(l.pivot().subtract(l.multiplier().multiply(f))));
        }
        if (formula instanceof LoadFactorFormula.Exponential e) {
            if (EXPONENTIAL.size() >= MAX_MEMO) {
                EXPONENTIAL.clear();
            }
            return EXPONENTIAL.computeIfAbsent(new ExponentialAt(e, f), k -> {
                BigDecimal exponent = e.exponentIntercept().subtract(e.exponentSlope().multiply(f));
                return DecimalMath.pow(e.base(), exponent, DecimalMath.FACTOR_PRECISION);
            });
        }
        throw new IllegalStateException("unknown load-factor formula " + formula);
    }

    /** A factor the rulebook does not have (the heat factor from 2023): 1 for every unit. */
    private static AppliedFactor absent(FactorKind kind, Rulebook rb, String field) {
        return new AppliedFactor(kind, false, BigDecimal.ONE, "no " + field + " factor in rulebook " + rb.ref(),
                "corrections." + field);
    }

    /** A unit that supplies no heat. */
    static boolean isPureCondensing(UnitYearData data) {
        return data.heatRatio().signum() == 0 && data.heatSupplyGj().signum() == 0;
    }
}
