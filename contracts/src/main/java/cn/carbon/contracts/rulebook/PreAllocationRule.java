package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/** Pre-allocation (预分配): share of the base-year allowance, and the base year (RULES.md §3 K14, K15, §4.5). */
public record PreAllocationRule(RuleValue<BigDecimal> share, RuleValue<Integer> baseYear) {
}
