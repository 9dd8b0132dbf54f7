package cn.carbon.allocation.rulebook;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * CCER offset (RULES.md §3 K19, K20, §6).
 *
 * @param capShareOfObligation            cap per compliance year as a share of that year's obligation
 * @param oldCcerFiledBefore              CCERs filed before this date are the "old" CCERs
 * @param oldCcerUsableUntil              key of the deadline in {@link Rulebook#deadlines()}
 * @param firstCycleCancelledUnusedUsable first-cycle CCERs cancelled but not used may offset (on application)
 */
public record CcerOffsetRule(RuleValue<BigDecimal> capShareOfObligation, RuleValue<LocalDate> oldCcerFiledBefore,
                             RuleValue<String> oldCcerUsableUntil,
                             RuleValue<Boolean> firstCycleCancelledUnusedUsable) {
}
