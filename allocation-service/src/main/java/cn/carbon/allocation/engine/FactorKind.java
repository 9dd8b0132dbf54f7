package cn.carbon.allocation.engine;

/** The correction factors of the unit formula (RULES.md §4.3). */
public enum FactorKind {
    /** Fl, cooling type. */
    COOLING,
    /** Fr, heat supply: 1 − coefficient × heat ratio. */
    HEAT_SUPPLY,
    /** Ff, load (output) factor. */
    LOAD
}
