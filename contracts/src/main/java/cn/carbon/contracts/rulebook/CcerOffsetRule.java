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
 * @param newCcer                         whether CCERs of the new scheme (the 2023 Measures) may offset, and from
 *                                        which registration day; {@code null} (absent) = not accepted
 */
public record CcerOffsetRule(RuleValue<BigDecimal> capShareOfObligation, RuleValue<LocalDate> oldCcerFiledBefore,
                             RuleValue<String> oldCcerUsableUntil,
                             RuleValue<Boolean> firstCycleCancelledUnusedUsable,
                             RuleValue<Boolean> excludeProjectsInsideNationalEtsCoverage,
                             RuleValue<List<String>> excludedProjectTypes,
                             RuleValue<String> applicationOpens,
                             RuleValue<String> applicationDeadline,
                             RuleValue<NewCcer> newCcer) {

    /** A rulebook without the new scheme (every document written before it existed). */
    public CcerOffsetRule(RuleValue<BigDecimal> capShareOfObligation, RuleValue<LocalDate> oldCcerFiledBefore,
                          RuleValue<String> oldCcerUsableUntil, RuleValue<Boolean> firstCycleCancelledUnusedUsable,
                          RuleValue<Boolean> excludeProjectsInsideNationalEtsCoverage,
                          RuleValue<List<String>> excludedProjectTypes, RuleValue<String> applicationOpens,
                          RuleValue<String> applicationDeadline) {
        this(capShareOfObligation, oldCcerFiledBefore, oldCcerUsableUntil, firstCycleCancelledUnusedUsable,
                excludeProjectsInsideNationalEtsCoverage, excludedProjectTypes, applicationOpens, applicationDeadline,
                null);
    }

    /** Whether new-scheme CCERs may offset under this rulebook (absent = no). */
    public boolean acceptsNewCcer() {
        return newCcer != null && newCcer.value().accepted();
    }

    /**
     * The new CCER scheme (《温室气体自愿减排交易管理办法（试行）》, 2023): CCERs registered under it offset once
     * registered, within the same cap as the old ones (RULES-2023-2025.md D12, N17).
     *
     * @param accepted       whether they may offset the obligations of this rulebook's years
     * @param registeredFrom the first registration day that counts (the Measures' date); required when accepted
     */
    public record NewCcer(boolean accepted, LocalDate registeredFrom) {
    }
}
