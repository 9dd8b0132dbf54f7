package cn.carbon.risk.index;

import java.util.Map;

/**
 * Special status and legal flags (notice §一): facilities closed, compliance risk from litigation, debt or judicial
 * freeze. Each status scores what the configuration gives it; one not listed scores 0.
 */
public final class SpecialStatusFactor implements RiskFactor {

    public static final String NAME = "specialStatus";
    private final Map<String, Double> scores;

    public SpecialStatusFactor(Map<String, Double> scores) {
        scores.forEach((status, score) -> {
            if (score == null || score < 0 || score > 1) {
                throw new IllegalArgumentException("carbon.risk.status-scores." + status + " must be in [0, 1]");
            }
        });
        this.scores = Map.copyOf(scores);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FactorResult assess(RiskSituation s) {
        String status = s.entityStatus() == null ? "UNKNOWN" : s.entityStatus();
        double score = scores.getOrDefault(status, 0.0);
        return new FactorResult(NAME, score, "status score", score, "entity status " + status);
    }
}
