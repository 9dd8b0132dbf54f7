package cn.carbon.risk.index;

import cn.carbon.risk.rulebook.RiskRulebook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compliance risk index (README.md gives the formula): index = round(100 × Σ wᵢ·sᵢ / Σ wᵢ) over the factors, then
 * two rules: a settled year (compliant, compliant late, exempt) is 0, and an overdue year is at least CRITICAL.
 * Pure: the service, its tests and the season evaluation run this same code.
 */
public final class RiskIndex {

    public record Weighted(RiskFactor factor, double weight) {
    }

    private final List<Weighted> factors;
    private final RiskLevel.Thresholds thresholds;
    private final double weightSum;

    public RiskIndex(List<Weighted> factors, RiskLevel.Thresholds thresholds) {
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("the index needs at least one factor");
        }
        factors.forEach(w -> {
            if (w.weight() < 0) {
                throw new IllegalArgumentException("weight of " + w.factor().name() + " is negative");
            }
        });
        this.factors = List.copyOf(factors);
        this.thresholds = thresholds;
        this.weightSum = factors.stream().mapToDouble(Weighted::weight).sum();
        if (weightSum <= 0) {
            throw new IllegalArgumentException("the weights add up to 0");
        }
    }

    /** The index as {@code carbon.risk.*} configures it: five factors, their weights and the level thresholds. */
    public static RiskIndex from(RiskSettings s) {
        return new RiskIndex(List.of(
                new Weighted(new RemainingGapFactor(s.gap().fullScoreRatio()), s.weights().gap()),
                new Weighted(new PurchasePaceFactor(s.pace().windowWeeks(), s.pace().horizonDays()), s.weights().pace()),
                new Weighted(new TimeLeftFactor(s.time().horizonDays()), s.weights().time()),
                new Weighted(new SpecialStatusFactor(s.statusScores()), s.weights().status()),
                new Weighted(new PastShortfallFactor(s.history().perShortfall()), s.weights().history())),
                new RiskLevel.Thresholds(s.levels().medium(), s.levels().high(), s.levels().critical()));
    }

    public RiskLevel.Thresholds thresholds() {
        return thresholds;
    }

    /** Every year of the cycle that has an obligation. */
    public List<RiskAssessment> assessAll(EntityInputs in, LocalDate asOf, RiskRulebook rulebook) {
        List<RiskAssessment> all = new ArrayList<>();
        for (int year : rulebook.complianceYears()) {
            assess(in, year, asOf, rulebook).ifPresent(all::add);
        }
        return all;
    }

    public Optional<RiskAssessment> assess(EntityInputs in, int year, LocalDate asOf, RiskRulebook rulebook) {
        return ComplianceGap.situation(in, year, asOf, rulebook).map(this::assess);
    }

    public RiskAssessment assess(RiskSituation s) {
        List<RiskAssessment.Contribution> parts = new ArrayList<>(factors.size());
        double points = 0;
        for (Weighted w : factors) {
            FactorResult r = w.factor().assess(s);
            double p = 100 * w.weight() * r.score() / weightSum;
            points += p;
            parts.add(new RiskAssessment.Contribution(r.name(), r.value(), r.unit(), r.score(), w.weight(),
                    Math.round(p * 100) / 100.0, r.explanation()));
        }
        int index = (int) Math.max(0, Math.min(100, Math.round(points)));
        String override = null;
        if (s.exempt() || (s.complianceStatus() != null && ComplianceGap.SETTLED.contains(s.complianceStatus()))) {
            index = 0;
            override = "settled: " + (s.exempt() ? "EXEMPT" : s.complianceStatus());
        } else if ("OVERDUE".equals(s.complianceStatus()) && index < thresholds.critical()) {
            index = thresholds.critical();
            override = "overdue: at least CRITICAL";
        }
        return new RiskAssessment(s.uscc(), s.complianceYear(), s.asOf(), index, thresholds.of(index), parts,
                s.gapT(), s.cycleGapT(), override);
    }

    /** name → weight, for the README check and the API. */
    public Map<String, Double> weights() {
        java.util.LinkedHashMap<String, Double> m = new java.util.LinkedHashMap<>();
        factors.forEach(w -> m.put(w.factor().name(), w.weight()));
        return m;
    }
}
