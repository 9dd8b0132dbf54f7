package cn.carbon.risk.index;

/** Past shortfalls: each earlier compliance year that ended short or late adds {@code perShortfall}, capped at 1. */
public final class PastShortfallFactor implements RiskFactor {

    public static final String NAME = "pastShortfalls";
    private final double perShortfall;

    public PastShortfallFactor(double perShortfall) {
        if (perShortfall < 0 || perShortfall > 1) {
            throw new IllegalArgumentException("carbon.risk.history.per-shortfall must be in [0, 1]");
        }
        this.perShortfall = perShortfall;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FactorResult assess(RiskSituation s) {
        return new FactorResult(NAME, s.pastShortfalls(), "earlier years short or late",
                FactorResult.clamp(s.pastShortfalls() * perShortfall),
                s.pastShortfalls() + " earlier compliance year(s) ended short or late");
    }
}
