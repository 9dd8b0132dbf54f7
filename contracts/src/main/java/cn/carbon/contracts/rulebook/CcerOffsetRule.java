package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * CCER offset (RULES.md §3 K19, K20, §6).
 *
 * @param capShareOfObligation            cap per compliance year as a share of that year's obligation
 * @param oldCcerFiledBefore              CCERs filed before this date are the "old" CCERs
 * @param oldCcerUsableUntil              key of the deadline in {@link Rulebook#deadlines()}
 * @param firstCycleCancelledUnusedUsable first-cycle CCERs cancelled but not used may offset (on application)
 * @param excludeProjectsInsideNationalEtsCoverage CCERs of projects inside the national ETS coverage may not offset
 * @param excludedProjectTypes            project types (as the CCER registry reports them) that may not offset
 * @param applicationOpens                key of the deadline after which applications are accepted
 * @param applicationDeadline             key of the deadline by which applications are accepted
 */
public record CcerOffsetRule(RuleValue<BigDecimal> capShareOfObligation, RuleValue<LocalDate> oldCcerFiledBefore,
                             RuleValue<String> oldCcerUsableUntil,
                             RuleValue<Boolean> firstCycleCancelledUnusedUsable,
                             RuleValue<Boolean> excludeProjectsInsideNationalEtsCoverage,
                             RuleValue<List<String>> excludedProjectTypes,
                             RuleValue<String> applicationOpens,
                             RuleValue<String> applicationDeadline) {
}
