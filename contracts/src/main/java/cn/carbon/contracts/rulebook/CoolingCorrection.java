package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/** Cooling factor Fl (RULES.md §3 K11): which fuels get it and the factor per cooling type. */
public record CoolingCorrection(RuleValue<Set<Fuel>> appliesToFuels, Map<Cooling, RuleValue<BigDecimal>> factors) {
}
