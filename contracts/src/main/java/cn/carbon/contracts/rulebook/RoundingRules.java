package cn.carbon.contracts.rulebook;

import java.math.RoundingMode;

/**
 * How figures become whole tonnes (RULES.md §16): a unit's allowance and its pre-allocation once at unit level;
 * the floor; the caps (borrowing ceiling, CCER cap).
 */
public record RoundingRules(RuleValue<RoundingMode> unitAllowance, RuleValue<RoundingMode> unitPreAllocation,
                            RuleValue<RoundingMode> floor, RuleValue<RoundingMode> borrowingCeiling,
                            RuleValue<RoundingMode> ccerCap) {
}
