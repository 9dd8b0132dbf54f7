package cn.carbon.contracts;

/**
 * {@code carbon.entities.v1}: a key emitting entity as allocation-service registered or changed it. Consumers keep
 * their own copy (for scoping reads by province) and open accounts from it.
 *
 * @param status {@code OPERATING}, {@code FACILITIES_CLOSED}, {@code COMPLIANCE_RISK} or {@code DISSOLVED}
 */
public record EntityEvent(String uscc, String name, String provinceCode, String sector, String status) {

    public static final String REGISTERED = "EntityRegistered";
    public static final String STATUS_CHANGED = "EntityStatusChanged";
}
