package cn.carbon.contracts.rulebook;

/** The open questions of RULES.md, as settings with documented defaults (RULES.md §16). */
public record Settings(RuleValue<GasUnitRelief> gasUnitRelief, RuleValue<GapRateDenominator> gapRateDenominator,
                       RuleValue<LoadFactorScope> loadFactorCorrectionScope) {
}
