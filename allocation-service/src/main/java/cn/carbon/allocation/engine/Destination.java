package cn.carbon.allocation.engine;

/** The registry account an issuance instruction credits (or, for a claw-back, debits). */
public enum Destination {
    /** The entity's own holding account. */
    ENTITY_ACCOUNT,
    /** The provincial authority's registry account, held in custody for that entity (notice §一). */
    PROVINCIAL_CUSTODY
}
