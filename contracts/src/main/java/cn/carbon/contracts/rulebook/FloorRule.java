package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/** The allocation floor (履约缺口上限): share of verified emissions (RULES.md §3 K16, §4.7). */
public record FloorRule(RuleValue<BigDecimal> shareOfVerifiedEmissions) {
}
