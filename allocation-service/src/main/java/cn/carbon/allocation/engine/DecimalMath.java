package cn.carbon.allocation.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * BigDecimal powers with non-integer exponents (for the exponential segment of the load-factor curve), computed
 * as {@code exp(y · ln x)} with series at a working precision well above the result's. The numbers here are
 * numerical technique (precision, series reduction), not rules.
 */
final class DecimalMath {

    /** Precision of a factor that cannot be exact (e.g. 1.015^1.6). */
    static final MathContext FACTOR_PRECISION = new MathContext(40, RoundingMode.HALF_EVEN);

    private static final int GUARD_DIGITS = 20;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal REDUCED = new BigDecimal("0.001");

    private DecimalMath() {
    }

    /** {@code base ^ exponent}; {@code base > 0}. Exact for small positive integer exponents. */
    static BigDecimal pow(BigDecimal base, BigDecimal exponent, MathContext mc) {
        if (base.signum() <= 0) {
            throw new ArithmeticException("pow needs a positive base, was " + base.toPlainString());
        }
        if (exponent.signum() == 0) {
            return BigDecimal.ONE;
        }
        BigDecimal stripped = exponent.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(999)) <= 0) {
            int n = stripped.intValueExact();
            return n > 0 ? base.pow(n) : BigDecimal.ONE.divide(base.pow(-n), mc);
        }
        MathContext work = new MathContext(mc.getPrecision() + GUARD_DIGITS, RoundingMode.HALF_EVEN);
        return exp(exponent.multiply(ln(base, work), work), work).round(mc);
    }

    /** Natural logarithm, {@code x > 0}: square roots down to near 1, then 2·atanh((x−1)/(x+1)). */
    static BigDecimal ln(BigDecimal x, MathContext mc) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("ln needs a positive argument, was " + x.toPlainString());
        }
        MathContext work = new MathContext(mc.getPrecision() + GUARD_DIGITS, RoundingMode.HALF_EVEN);
        int halvings = 0;
        BigDecimal y = x;
        while (y.subtract(BigDecimal.ONE).abs().compareTo(REDUCED) > 0) {
            y = y.sqrt(work);
            halvings++;
        }
        BigDecimal z = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), work);
        BigDecimal z2 = z.multiply(z, work);
        BigDecimal term = z;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(work.getPrecision());
        for (int k = 1; ; k += 2) {
            BigDecimal add = term.divide(BigDecimal.valueOf(k), work);
            sum = sum.add(add, work);
            if (add.abs().compareTo(epsilon) < 0) {
                break;
            }
            term = term.multiply(z2, work);
        }
        return sum.multiply(TWO).multiply(TWO.pow(halvings)).round(mc);
    }

    /** e^x: halve x until small, Taylor series, square back. */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        MathContext work = new MathContext(mc.getPrecision() + GUARD_DIGITS, RoundingMode.HALF_EVEN);
        int halvings = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(REDUCED) > 0) {
            r = r.divide(TWO, work);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(work.getPrecision());
        for (int k = 1; ; k++) {
            term = term.multiply(r, work).divide(BigDecimal.valueOf(k), work);
            sum = sum.add(term, work);
            if (term.abs().compareTo(epsilon) < 0) {
                break;
            }
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, work);
        }
        return sum.round(mc);
    }
}
