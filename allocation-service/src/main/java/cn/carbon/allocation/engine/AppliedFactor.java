package cn.carbon.allocation.engine;

import java.math.BigDecimal;

/**
 * A correction factor as applied to one unit: its value (1 when it does not apply) and why.
 *
 * @param rulePath the rulebook value it came from (e.g. {@code corrections.cooling.factors.AIR})
 */
public record AppliedFactor(FactorKind kind, boolean applied, BigDecimal value, String basis, String rulePath) {
}
