package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.RulebookRef;

import java.math.BigDecimal;

/**
 * A unit's pre-allocation for one compliance year (RULES.md §4.5): {@code share × the unit's unrounded allowance on
 * base-year data with that year's benchmarks}, rounded once to a whole tonne ({@code rounding.unitPreAllocation}).
 */
public record UnitPreAllocation(RulebookRef rulebook, String unitId, int year, BigDecimal share,
                                UnitAllowance baseAllowance, BigDecimal unrounded, long preAllocatedT) {
}
