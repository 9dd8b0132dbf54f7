package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.RulebookRef;
import cn.carbon.contracts.rulebook.UnitCategory;

import cn.carbon.contracts.rulebook.OutputBasis;

import java.math.BigDecimal;
import java.util.List;

/**
 * A unit's allowance for one year with every step recorded (RULES.md §4.2):
 * {@code supplyPart = Qe × Be × Fl × Fr × Ff}, {@code heatPart = Qh × Bh}, {@code unrounded = supplyPart +
 * heatPart} at full precision, {@code allowanceT} = unrounded rounded once to a whole tonne (rulebook
 * {@code rounding.unitAllowance}).
 *
 * @param benchmarkYear the year whose benchmarks were used (for a pre-allocation base: the allocated year)
 * @param inputs        the unit data (its {@code year} is the data year)
 * @param outputBasis   what Qe is: net supply (2021-2022) or gross generation (2023+); {@code supplyBenchmark} and
 *                      {@code supplyPart} are the electricity benchmark and part on that basis
 * @param provisional   paths of the rulebook's provisional values this figure used (empty: none)
 * @param intensity     for a line of an INTENSITY category: output × benchmark × coefficient (then {@code unrounded});
 *                      null for every other method
 */
public record UnitAllowance(RulebookRef rulebook, String unitId, int benchmarkYear, UnitYearData inputs,
                            UnitCategory category, BigDecimal supplyBenchmark, BigDecimal heatBenchmark,
                            AppliedFactor cooling, AppliedFactor heatSupply, AppliedFactor load,
                            BigDecimal supplyPart, BigDecimal heatPart, BigDecimal unrounded, long allowanceT,
                            OutputBasis outputBasis, List<String> provisional, IntensityFigure intensity) {

    /** A figure of a method without intensity parameters (power benchmark, verified emissions). */
    public UnitAllowance(RulebookRef rulebook, String unitId, int benchmarkYear, UnitYearData inputs,
                         UnitCategory category, BigDecimal supplyBenchmark, BigDecimal heatBenchmark,
                         AppliedFactor cooling, AppliedFactor heatSupply, AppliedFactor load,
                         BigDecimal supplyPart, BigDecimal heatPart, BigDecimal unrounded, long allowanceT,
                         OutputBasis outputBasis, List<String> provisional) {
        this(rulebook, unitId, benchmarkYear, inputs, category, supplyBenchmark, heatBenchmark, cooling, heatSupply,
                load, supplyPart, heatPart, unrounded, allowanceT, outputBasis, provisional, null);
    }

    /**
     * The intensity method's terms (RULES-2023-2025.md §6.3): {@code productOutputT × intensityBenchmark ×
     * balanceCoefficient}, at full precision; the rulebook paths of the benchmark and coefficient used.
     */
    public record IntensityFigure(BigDecimal productOutputT, BigDecimal intensityBenchmark,
                                  BigDecimal balanceCoefficient, String benchmarkPath, String coefficientPath) {
    }

    /** Qe: the electricity quantity the benchmark multiplied. */
    public BigDecimal electricityMwh() {
        return inputs.electricityMwh(outputBasis);
    }
}
