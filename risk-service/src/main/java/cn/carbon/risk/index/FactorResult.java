package cn.carbon.risk.index;

/**
 * What one factor found: the observed {@code value} (in {@code unit}), its {@code score} in [0, 1] and a sentence a
 * province officer can check against the data.
 */
public record FactorResult(String name, double value, String unit, double score, String explanation) {

    public FactorResult {
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException(name + ": score " + score + " outside [0, 1]");
        }
    }

    static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
