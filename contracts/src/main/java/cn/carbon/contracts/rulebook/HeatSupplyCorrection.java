package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;
import java.util.Map;

/** Heat-supply factor Fr = 1 − coefficient × heat ratio, coefficient per fuel (RULES.md §3 K12). */
public record HeatSupplyCorrection(Map<Fuel, RuleValue<BigDecimal>> coefficients) {
}
