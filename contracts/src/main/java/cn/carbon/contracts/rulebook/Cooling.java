package cn.carbon.contracts.rulebook;

/** Cooling type of a generating unit (RULES.md §3 K11). */
public enum Cooling {
    WATER,
    AIR
}
