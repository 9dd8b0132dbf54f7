package cn.carbon.allocation.entity;

/** An entity's situation for issuance and surrender (notice §一). */
public enum EntityStatus {
    OPERATING,
    /** all facilities closed, the entity still exists */
    FACILITIES_CLOSED,
    /** legal, litigation, debt or judicial-freeze risk */
    COMPLIANCE_RISK,
    /** licence cancelled: no allocation, no obligation */
    DISSOLVED
}
