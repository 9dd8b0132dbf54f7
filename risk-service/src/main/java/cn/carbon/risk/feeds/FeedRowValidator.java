package cn.carbon.risk.feeds;

import cn.carbon.risk.rulebook.RiskCycles;
import cn.carbon.risk.rulebook.RiskRulebook;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The checks one row can answer alone: the USCC's form, ISO dates, a week inside the feed window of one of the cycles
 * followed (the week decides the cycle, not today) and of at most that cycle's length, whole non-negative tonnes. Whether the USCC is known, repeated, or its week overlaps another is
 * answered for the whole feed in the database ({@link FeedIngest}).
 */
public final class FeedRowValidator {

    /** 18 characters of the GB 32100 alphabet (no I, O, Z, S, V). */
    private static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");

    private final RiskCycles cycles;

    public FeedRowValidator(RiskCycles cycles) {
        if (cycles.all().isEmpty()) {
            throw new IllegalArgumentException("no cycle to judge feed rows by");
        }
        this.cycles = cycles;
    }

    public FeedRowValidator(RiskRulebook rulebook) {
        this(new RiskCycles(java.util.List.of(rulebook)));
    }

    /** A row that passed every single-row check. */
    public record ValidRow(int rowNo, String uscc, LocalDate weekStart, LocalDate weekEnd, long boughtT, long soldT) {
    }

    /** @return the valid row, or null after adding its problems */
    public ValidRow validate(FeedRow row, FeedProblems problems) {
        if (row.shapeError() != null) {
            problems.add(row.rowNo(), "row", row.shapeError());
            return null;
        }
        boolean ok = true;
        if (row.uscc() == null || row.uscc().isBlank()) {
            problems.add(row.rowNo(), "uscc", "missing");
            ok = false;
        } else if (!USCC.matcher(row.uscc()).matches()) {
            problems.add(row.rowNo(), "uscc", "not a unified social credit code (18 characters): " + row.uscc());
            ok = false;
        }
        LocalDate start = date(row, "week_start", row.weekStart(), problems);
        LocalDate end = date(row, "week_end", row.weekEnd(), problems);
        if (start != null && end != null) {
            long days = ChronoUnit.DAYS.between(start, end) + 1;
            RiskRulebook owner = cycles.ofFeedWeek(start, end).orElse(null);
            // the length is judged by the cycle holding the week, or, outside every window, by the strictest one
            int maxWeekDays = owner != null ? owner.netPurchaseFeed().maxWeekDays() : cycles.all().stream()
                    .mapToInt(r -> r.netPurchaseFeed().maxWeekDays()).min().orElseThrow();
            if (end.isBefore(start)) {
                problems.add(row.rowNo(), "week_end", "week_end " + end + " is before week_start " + start);
                ok = false;
            } else if (days > maxWeekDays) {
                problems.add(row.rowNo(), "week_end", "the week " + start + ".." + end + " spans " + days
                        + " days; at most " + maxWeekDays);
                ok = false;
            } else if (owner == null) {
                problems.add(row.rowNo(), "week_start", "the week " + start + ".." + end + " is outside " + windows());
                ok = false;
            }
        } else {
            ok = false;
        }
        Long bought = tonnes(row, "bought_t", row.boughtT(), problems);
        Long sold = tonnes(row, "sold_t", row.soldT(), problems);
        if (!ok || bought == null || sold == null) {
            return null;
        }
        return new ValidRow(row.rowNo(), row.uscc(), start, end, bought, sold);
    }

    /** "cycle 2021-2022 (feeds cover …)", or every followed cycle's window. */
    private String windows() {
        if (cycles.all().size() == 1) {
            RiskRulebook rb = cycles.all().get(0);
            return "cycle " + rb.cycle() + " (feeds cover " + rb.netPurchaseFeed().firstDay() + ".."
                    + rb.netPurchaseFeed().lastDay() + ")";
        }
        return "every cycle's feed window (" + String.join(", ", cycles.all().stream().map(rb -> rb.cycle() + ": "
                + rb.netPurchaseFeed().firstDay() + ".." + rb.netPurchaseFeed().lastDay()).toList()) + ")";
    }

    private static LocalDate date(FeedRow row, String column, String value, FeedProblems problems) {
        if (value == null || value.isBlank()) {
            problems.add(row.rowNo(), column, "missing");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(row.rowNo(), column, "not a date (YYYY-MM-DD): " + FeedProblems.abbreviate(value));
            return null;
        }
    }

    private static Long tonnes(FeedRow row, String column, String value, FeedProblems problems) {
        if (value == null || value.isBlank()) {
            problems.add(row.rowNo(), column, "missing");
            return null;
        }
        long t;
        try {
            t = Long.parseLong(value);
        } catch (NumberFormatException e) {
            problems.add(row.rowNo(), column, "not a whole number of tonnes: " + FeedProblems.abbreviate(value));
            return null;
        }
        if (t < 0) {
            problems.add(row.rowNo(), column, "must not be negative: " + t);
            return null;
        }
        return t;
    }
}
