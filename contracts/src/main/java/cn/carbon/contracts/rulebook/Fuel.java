package cn.carbon.contracts.rulebook;

/** Fuel of a unit category; decides which correction factors apply (RULES.md §4.2, §4.3). */
public enum Fuel {
    COAL,
    GAS
}
