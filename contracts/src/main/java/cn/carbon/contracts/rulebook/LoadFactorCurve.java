package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;
import java.util.List;

/**
 * The load (output) factor correction curve (RULES.md §3 K13): contiguous segments, ordered by {@code from},
 * covering every F ≥ 0. The loader checks the coverage; the engine evaluates it ({@code CorrectionFactors}).
 */
public record LoadFactorCurve(List<LoadFactorSegment> segments) {

    /** The segment that covers {@code loadFactor}; the loader guarantees there is exactly one for F ≥ 0. */
    public LoadFactorSegment segmentFor(BigDecimal loadFactor) {
        for (LoadFactorSegment s : segments) {
            if (s.covers(loadFactor)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no load-factor segment covers F = " + loadFactor.toPlainString());
    }
}
