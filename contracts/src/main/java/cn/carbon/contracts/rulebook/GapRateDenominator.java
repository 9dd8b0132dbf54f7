package cn.carbon.contracts.rulebook;

/** What the gap rate is a share of (RULES.md §13.5), a rulebook setting. */
public enum GapRateDenominator {
    /** Default: gap / verified emissions. */
    VERIFIED_EMISSIONS,
    /** gap / allocation issued for the year ("gap above 10 % of allowances"). */
    ISSUED_ALLOCATION
}
