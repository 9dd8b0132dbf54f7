package cn.carbon.risk.rulebook;


import cn.carbon.contracts.rulebook.NetPurchaseReporting;
import cn.carbon.contracts.rulebook.RuleValue;
import cn.carbon.contracts.rulebook.Rulebook;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cycle's settings this service needs: compliance deadlines, eligible vintages, the feed window and the
 * weekly-report month, taken from the rulebook allocation-service published ({@link #of}).
 */
public record RiskRulebook(String rulebookId, int version, String cycle, String timeZone,
                           List<Integer> complianceYears, Map<Integer, LocalDate> complianceDeadlines,
                           Map<Integer, List<String>> eligibleVintages, List<String> borrowedOnlyVintages,
                           FeedWindow netPurchaseFeed, WeeklyReports weeklyReports) {

    /** The weeks a feed may report: inside [firstDay, lastDay], each at most maxWeekDays long. */
    public record FeedWindow(LocalDate firstDay, LocalDate lastDay, int maxWeekDays) {
    }

    /** Notice §五(二): the exchange reports weekly in the final month(s) before the deadline. */
    public record WeeklyReports(int monthsBeforeDeadline) {
    }

    /** The rulebook's deadline key of the compliance deadline. */
    public static final String COMPLIANCE_DEADLINE = "complianceDeadline";

    public RiskRulebook {
        Objects.requireNonNull(rulebookId, "rulebookId");
        Objects.requireNonNull(cycle, "cycle");
        if (complianceYears == null || complianceYears.isEmpty()) {
            throw new IllegalArgumentException("rulebook " + rulebookId + ": complianceYears is empty");
        }
        for (Integer year : complianceYears) {
            if (complianceDeadlines == null || complianceDeadlines.get(year) == null) {
                throw new IllegalArgumentException("rulebook " + rulebookId + ": no compliance deadline for " + year);
            }
            if (eligibleVintages == null || eligibleVintages.get(year) == null) {
                throw new IllegalArgumentException("rulebook " + rulebookId + ": no eligible vintages for " + year);
            }
        }
        Objects.requireNonNull(netPurchaseFeed, "netPurchaseFeed");
        Objects.requireNonNull(weeklyReports, "weeklyReports");
        if (netPurchaseFeed.firstDay() == null || netPurchaseFeed.lastDay() == null
                || netPurchaseFeed.lastDay().isBefore(netPurchaseFeed.firstDay()) || netPurchaseFeed.maxWeekDays() < 1) {
            throw new IllegalArgumentException("rulebook " + rulebookId + ": netPurchaseFeed window is not a range");
        }
        if (weeklyReports.monthsBeforeDeadline() < 1) {
            throw new IllegalArgumentException("rulebook " + rulebookId + ": weeklyReports.monthsBeforeDeadline < 1");
        }
        borrowedOnlyVintages = borrowedOnlyVintages == null ? List.of() : List.copyOf(borrowedOnlyVintages);
        complianceYears = List.copyOf(complianceYears);
        timeZone = timeZone == null ? "Asia/Shanghai" : timeZone;
    }

    /** The risk part of a published rulebook: each compliance year's deadline is the rulebook's complianceDeadline. */
    public static RiskRulebook of(Rulebook rb) {
        LocalDate deadline = rb.deadline(COMPLIANCE_DEADLINE).date().value();
        Map<Integer, LocalDate> deadlines = new LinkedHashMap<>();
        Map<Integer, List<String>> eligible = new LinkedHashMap<>();
        for (int year : rb.complianceYears()) {
            deadlines.put(year, deadline);
            RuleValue<List<String>> e = rb.vintages().eligible().get(year);
            eligible.put(year, e == null ? List.of() : List.copyOf(e.value()));
        }
        NetPurchaseReporting np = rb.netPurchaseReporting();
        return new RiskRulebook(rb.id(), rb.version(), rb.cycle(), rb.timeZone().getId(), rb.complianceYears(),
                deadlines, eligible, rb.vintages().borrowedOnly().value(),
                new FeedWindow(np.feedFirstDay().value(), np.feedLastDay().value(), np.maxWeekDays().value()),
                new WeeklyReports(np.weeklyReportsMonthsBeforeDeadline().value()));
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public LocalDate deadline(int complianceYear) {
        LocalDate d = complianceDeadlines.get(complianceYear);
        if (d == null) {
            throw new IllegalArgumentException("compliance year " + complianceYear + " is not in cycle " + cycle);
        }
        return d;
    }

    /** The last deadline of the cycle: the weekly reports count back from it. */
    public LocalDate cycleDeadline() {
        return complianceYears.stream().map(this::deadline).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** First day of the final reporting month(s): deadline - months + 1 day (2023-12-01 for 2023-12-31). */
    public LocalDate reportingStart() {
        return cycleDeadline().minusMonths(weeklyReports.monthsBeforeDeadline()).plusDays(1);
    }

    /** Whether a week falls in the final month(s) before the deadline. */
    public boolean isReportingWeek(LocalDate weekStart, LocalDate weekEnd) {
        return !weekEnd.isBefore(reportingStart()) && !weekStart.isAfter(cycleDeadline());
    }

    public boolean inFeedWindow(LocalDate weekStart, LocalDate weekEnd) {
        return !weekStart.isBefore(netPurchaseFeed.firstDay()) && !weekEnd.isAfter(netPurchaseFeed.lastDay());
    }

    /** A vintage that may serve the year's surrender (borrowed-only vintages count only as the borrower's own). */
    public boolean servesCycle(String vintage) {
        return borrowedOnlyVintages.contains(vintage)
                || complianceYears.stream().anyMatch(y -> eligibleVintages.get(y).contains(vintage));
    }
}
