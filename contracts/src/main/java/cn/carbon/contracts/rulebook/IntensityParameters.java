package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/**
 * The parameters of an {@link AllocationMethod#INTENSITY} category (steel, cement, aluminium from 2025,
 * RULES-2023-2025.md §6): allocation = product output × intensity benchmark × balance coefficient, rounded once to a
 * whole tonne with {@code rounding.unitAllowance}. Each is a rulebook value that may be provisional.
 *
 * @param productOutput      the output quantity the benchmark multiplies (e.g. 粗钢产量), in tonnes of product; the unit
 *                           data carry it as {@code product_output_t}
 * @param intensityBenchmark the sector's intensity benchmark, tCO2 per tonne of product, > 0
 * @param balanceCoefficient the sector balance coefficient (行业平衡系数), > 0
 */
public record IntensityParameters(RuleValue<String> productOutput, RuleValue<BigDecimal> intensityBenchmark,
                                  RuleValue<BigDecimal> balanceCoefficient) {

    /** The unit each parameter must declare in the rulebook file. */
    public static final String OUTPUT_UNIT = "t";
    public static final String BENCHMARK_UNIT = "tCO2/t";
}
