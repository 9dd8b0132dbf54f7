package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/**
 * Borrowing (预支) of next-cycle allowances (RULES.md §3 K17, K18, §4.8).
 *
 * @param gapRateThreshold    minimum gap rate (gap / denominator, see {@link Settings#gapRateDenominator()})
 * @param maxShareOfGap       ceiling as a share of that year's gap
 * @param sourceVintage       the vintage borrowed from ({@code 2023})
 * @param applicationDeadline key of the deadline in {@link Rulebook#deadlines()}
 */
public record BorrowingRule(RuleValue<BigDecimal> gapRateThreshold, RuleValue<BigDecimal> maxShareOfGap,
                            RuleValue<String> sourceVintage, RuleValue<String> applicationDeadline) {
}
