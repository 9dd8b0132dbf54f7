package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/**
 * The formula of one segment of the load-factor correction curve (RULES.md §3 K13), as data. F is the load
 * (output) factor as a fraction.
 */
public sealed interface LoadFactorFormula {

    /** {@code factor}. */
    record Constant(BigDecimal factor) implements LoadFactorFormula {
    }

    /** {@code intercept + slope × (pivot − multiplier × F)}, e.g. {@code 1 + 0.0014 × (85 − 100F)}. */
    record Linear(BigDecimal intercept, BigDecimal slope, BigDecimal pivot, BigDecimal multiplier)
            implements LoadFactorFormula {
    }

    /** {@code base ^ (exponentIntercept − exponentSlope × F)}, e.g. {@code 1.015^(16 − 20F)}. */
    record Exponential(BigDecimal base, BigDecimal exponentIntercept, BigDecimal exponentSlope)
            implements LoadFactorFormula {
    }
}
