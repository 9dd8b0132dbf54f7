package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/** Supply (tCO2/MWh) and heat (tCO2/GJ) benchmarks of one category in one year (RULES.md §3 K3–K9). */
public record CategoryBenchmarks(RuleValue<BigDecimal> supply, RuleValue<BigDecimal> heat) {
}
