package cn.carbon.risk.index;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of one entity and year on one day, with every factor's value, score, weight and contribution in points,
 * and the rule that overrode the weighted sum, if any.
 */
public record RiskAssessment(String uscc, int complianceYear, LocalDate asOf, int index, RiskLevel level,
                             List<Contribution> factors, long gapT, long cycleGapT, String override) {

    /** One factor's share of the index: points = 100 × weight × score / Σ weights. */
    public record Contribution(String name, double value, String unit, double score, double weight, double points,
                               String explanation) {
    }

    /** name → score, as the alert event carries them. */
    public Map<String, Double> scores() {
        Map<String, Double> m = new LinkedHashMap<>();
        factors.forEach(f -> m.put(f.name(), f.score()));
        return m;
    }
}
