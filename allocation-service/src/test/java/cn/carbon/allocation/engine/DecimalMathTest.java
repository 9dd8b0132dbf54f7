package cn.carbon.allocation.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DecimalMathTest {

    @ParameterizedTest(name = "{0}^{1}")
    @CsvSource({"1.015, 1.6", "1.015, 0.002", "1.015, -3.7", "2, 0.5", "0.5, 2.25", "10, 3.3", "123.456, 0.123"})
    void powMatchesDoubleArithmetic(String base, String exponent) {
        double expected = Math.pow(Double.parseDouble(base), Double.parseDouble(exponent));
        BigDecimal actual = DecimalMath.pow(new BigDecimal(base), new BigDecimal(exponent), DecimalMath.FACTOR_PRECISION);
        assertThat(actual.doubleValue()).isCloseTo(expected, within(Math.abs(expected) * 1e-14));
    }

    @Test
    void highPrecisionAgainstAKnownValue() {
        // sqrt(2) to 40 significant digits
        BigDecimal sqrt2 = DecimalMath.pow(new BigDecimal("2"), new BigDecimal("0.5"), DecimalMath.FACTOR_PRECISION);
        assertThat(sqrt2).isEqualByComparingTo("1.414213562373095048801688724209698078570");
        assertThat(DecimalMath.exp(BigDecimal.ONE, DecimalMath.FACTOR_PRECISION))
                .isEqualByComparingTo("2.718281828459045235360287471352662497757");
        assertThat(DecimalMath.ln(BigDecimal.ONE, DecimalMath.FACTOR_PRECISION)).isEqualByComparingTo("0");
    }

    @Test
    void integerExponentsAreExact() {
        assertThat(DecimalMath.pow(new BigDecimal("1.015"), new BigDecimal("16.0"), DecimalMath.FACTOR_PRECISION))
                .isEqualByComparingTo(new BigDecimal("1.015").pow(16));
        assertThat(DecimalMath.pow(new BigDecimal("1.015"), BigDecimal.ZERO, DecimalMath.FACTOR_PRECISION))
                .isEqualByComparingTo("1");
    }

    @Test
    void nonPositiveBaseIsRefused() {
        assertThatThrownBy(() -> DecimalMath.pow(BigDecimal.ZERO, new BigDecimal("0.5"), DecimalMath.FACTOR_PRECISION))
                .isInstanceOf(ArithmeticException.class);
    }
}
