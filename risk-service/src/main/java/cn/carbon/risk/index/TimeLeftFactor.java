package cn.carbon.risk.index;

/**
 * The time left to the deadline while a gap remains: 0 at {@code horizonDays} or more, rising linearly to 1 on the
 * deadline (and after it). Without a gap time is no risk: 0.
 */
public final class TimeLeftFactor implements RiskFactor {

    public static final String NAME = "timeLeft";
    private final int horizonDays;

    public TimeLeftFactor(int horizonDays) {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("carbon.risk.time.horizon-days must be >= 1");
        }
        this.horizonDays = horizonDays;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FactorResult assess(RiskSituation s) {
        if (s.gapT() <= 0) {
            return new FactorResult(NAME, s.daysLeft(), "days", 0,
                    s.daysLeft() + " day(s) to the deadline " + s.deadline() + ", no gap left");
        }
        double score = FactorResult.clamp(1 - (double) s.daysLeft() / horizonDays);
        return new FactorResult(NAME, s.daysLeft(), "days", score, String.format(
                "%d day(s) to the deadline %s with a gap of %,d t; scores 0 from %d days before", s.daysLeft(),
                s.deadline(), s.gapT(), horizonDays));
    }
}
