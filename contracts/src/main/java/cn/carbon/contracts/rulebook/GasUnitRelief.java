package cn.carbon.contracts.rulebook;

/** Reading of the 2021-22 gas-unit treatment (RULES.md §4.7, §13.4), a rulebook setting. */
public enum GasUnitRelief {
    /**
     * Default: a gas unit's issued allocation is raised to that unit's verified emissions, before the floor is
     * applied to the entity total; the obligation stays = verified emissions.
     */
    RAISE_TO_VERIFIED_EMISSIONS_BEFORE_ENTITY_FLOOR,
    /** 2019-20 rule: a gas unit's obligation = min(verified emissions, allocation); nothing extra issued. */
    CAP_OBLIGATION_AT_ALLOCATION,
    /** No gas-specific treatment. */
    NONE
}
