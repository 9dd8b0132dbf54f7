package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/**
 * One segment of the load-factor curve: applies when {@code from <= F < to} ({@code to == null}: no upper bound).
 */
public record LoadFactorSegment(BigDecimal from, BigDecimal to, LoadFactorFormula formula) {

    public boolean covers(BigDecimal loadFactor) {
        return loadFactor.compareTo(from) >= 0 && (to == null || loadFactor.compareTo(to) < 0);
    }
}
