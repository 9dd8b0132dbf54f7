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
 */
public record UnitAllowance(RulebookRef rulebook, String unitId, int benchmarkYear, UnitYearData inputs,
                            UnitCategory category, BigDecimal supplyBenchmark, BigDecimal heatBenchmark,
                            AppliedFactor cooling, AppliedFactor heatSupply, AppliedFactor load,
                            BigDecimal supplyPart, BigDecimal heatPart, BigDecimal unrounded, long allowanceT,
                            OutputBasis outputBasis, List<String> provisional) {

    /** Qe: the electricity quantity the benchmark multiplied. */
    public BigDecimal electricityMwh() {
        return inputs.electricityMwh(outputBasis);
    }
}
