package cn.carbon.risk.index;

import java.time.LocalDate;

/**
 * The recent net-purchase pace against the pace needed by the deadline. Recent pace = mean weekly net purchase over
 * the last {@code windowWeeks} reported weeks ending on or before the day (a week without a row counts 0); needed pace
 * = cycle gap / weeks left; coverage = recent / needed. A pace shortfall says more the nearer the deadline (entities
 * often buy late), so score = (1 - coverage) × urgency, urgency = 1 - days left / {@code horizonDays}, each clamped to
 * [0, 1]; 0 without a gap, 1 with a gap after the deadline.
 */
public final class PurchasePaceFactor implements RiskFactor {

    public static final String NAME = "purchasePace";
    private final int windowWeeks;
    private final int horizonDays;

    public PurchasePaceFactor(int windowWeeks, int horizonDays) {
        if (windowWeeks < 1) {
            throw new IllegalArgumentException("carbon.risk.pace.window-weeks must be >= 1");
        }
        if (horizonDays < 1) {
            throw new IllegalArgumentException("carbon.risk.pace.horizon-days must be >= 1");
        }
        this.windowWeeks = windowWeeks;
        this.horizonDays = horizonDays;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Mean weekly net purchase of the window ending on {@code asOf}. */
    public double recentWeeklyNet(RiskSituation s) {
        LocalDate from = s.asOf().minusDays(7L * windowWeeks);
        long net = s.netPurchases().stream()
                .filter(w -> !w.weekEnd().isAfter(s.asOf()) && w.weekEnd().isAfter(from))
                .mapToLong(EntityInputs.WeekNet::netT).sum();
        return (double) net / windowWeeks;
    }

    @Override
    public FactorResult assess(RiskSituation s) {
        double recent = recentWeeklyNet(s);
        if (s.cycleGapT() <= 0) {
            return new FactorResult(NAME, 1, "recent / needed weekly pace", 0, String.format(
                    "nothing left to buy (recent pace %,.0f t/week)", recent));
        }
        if (s.daysLeft() <= 0) {
            return new FactorResult(NAME, 0, "recent / needed weekly pace", 1, String.format(
                    "the deadline %s has passed with %,d t still to buy", s.deadline(), s.cycleGapT()));
        }
        double needed = s.cycleGapT() / (s.daysLeft() / 7.0);
        double coverage = Math.max(0, recent) / needed;
        double urgency = FactorResult.clamp(1 - (double) s.daysLeft() / horizonDays);
        return new FactorResult(NAME, coverage, "recent / needed weekly pace",
                FactorResult.clamp(1 - coverage) * urgency, String.format("bought %,.0f t/week net over the last %d "
                        + "week(s); %,.0f t/week needed to close %,d t in %d day(s); urgency %.2f", recent, windowWeeks,
                needed, s.cycleGapT(), s.daysLeft(), urgency));
    }
}
