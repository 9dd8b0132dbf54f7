package cn.carbon.contracts.rulebook;

/** The penalty for a short or late surrender (rulebook {@code penalties}): the fine's range. */
public record PenaltyRule(RuleValue<FineRange> fineRangeCny) {
}
