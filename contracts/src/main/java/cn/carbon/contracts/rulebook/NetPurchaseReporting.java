package cn.carbon.contracts.rulebook;

import java.time.LocalDate;

/**
 * The trading institution's weekly net-purchase reporting (notice §五(二)): which weeks a feed may report, and how many
 * months before the compliance deadline the weekly reports to the provinces start.
 *
 * @param feedFirstDay                     a feed row's week starts on or after this day
 * @param feedLastDay                      a feed row's week ends on or before this day
 * @param maxWeekDays                      a feed row spans at most this many days
 * @param weeklyReportsMonthsBeforeDeadline the reports cover the weeks from (deadline − months + 1 day) to the deadline
 */
public record NetPurchaseReporting(RuleValue<LocalDate> feedFirstDay, RuleValue<LocalDate> feedLastDay,
                                   RuleValue<Integer> maxWeekDays, RuleValue<Integer> weeklyReportsMonthsBeforeDeadline) {
}
