package cn.carbon.contracts.rulebook;

/** Which units get the load-factor correction (RULES.md §4.3), a rulebook setting. Gas units never do. */
public enum LoadFactorScope {
    /** Default 2021-22 reading: every coal unit, CHP included. */
    ALL_COAL_UNITS_INCLUDING_CHP,
    /** 2019-20 scope: conventional coal units that supply no heat (pure condensing). */
    CONVENTIONAL_COAL_PURE_CONDENSING_ONLY
}
