package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.RulebookRef;
import cn.carbon.contracts.rulebook.UnitCategory;

import java.math.BigDecimal;

/**
 * A unit's allowance for one year with every step recorded (RULES.md §4.2):
 * {@code supplyPart = Qe × Be × Fl × Fr × Ff}, {@code heatPart = Qh × Bh}, {@code unrounded = supplyPart +
 * heatPart} at full precision, {@code allowanceT} = unrounded rounded once to a whole tonne (rulebook
 * {@code rounding.unitAllowance}).
 *
 * @param benchmarkYear the year whose benchmarks were used (for a pre-allocation base: the allocated year)
 * @param inputs        the unit data (its {@code year} is the data year)
 */
public record UnitAllowance(RulebookRef rulebook, String unitId, int benchmarkYear, UnitYearData inputs,
                            UnitCategory category, BigDecimal supplyBenchmark, BigDecimal heatBenchmark,
                            AppliedFactor cooling, AppliedFactor heatSupply, AppliedFactor load,
                            BigDecimal supplyPart, BigDecimal heatPart, BigDecimal unrounded, long allowanceT) {
}
