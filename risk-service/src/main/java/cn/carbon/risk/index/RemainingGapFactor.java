package cn.carbon.risk.index;

/**
 * The remaining gap against the obligation, after holdings, pending offsets and borrowing: gap / obligation, scoring 1
 * at {@code fullScoreRatio} of the obligation or more.
 */
public final class RemainingGapFactor implements RiskFactor {

    public static final String NAME = "remainingGap";
    private final double fullScoreRatio;

    public RemainingGapFactor(double fullScoreRatio) {
        if (fullScoreRatio <= 0) {
            throw new IllegalArgumentException("carbon.risk.gap.full-score-ratio must be > 0");
        }
        this.fullScoreRatio = fullScoreRatio;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FactorResult assess(RiskSituation s) {
        if (s.obligationT() <= 0) {
            return new FactorResult(NAME, 0, "share of obligation", 0, "no obligation to cover");
        }
        double ratio = (double) s.gapT() / s.obligationT();
        double score = FactorResult.clamp(ratio / fullScoreRatio);
        return new FactorResult(NAME, ratio, "share of obligation", score, String.format(
                "gap %,d t = %.1f %% of the %d obligation %,d t (remaining %,d t, cycle holdings %,d t, cycle gap %,d t); "
                        + "scores 1 from %.1f %%", s.gapT(), 100 * ratio, s.complianceYear(), s.obligationT(),
                s.remainingT(), s.poolT(), s.cycleGapT(), 100 * fullScoreRatio));
    }
}
