package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/**
 * Electricity (tCO2/MWh, on the rulebook's {@link OutputBasis}) and heat (tCO2/GJ) benchmarks of one category in one
 * year (RULES.md §3 K3–K9, RULES-2023-2025.md §3.4).
 */
public record CategoryBenchmarks(RuleValue<BigDecimal> electricity, RuleValue<BigDecimal> heat) {
}
