package cn.carbon.contracts.rulebook;

/** How a dated rule reads: {@code BY} a day (inclusive), or possible only {@code AFTER} a day. */
public enum DeadlineKind {
    BY,
    AFTER
}
