package cn.carbon.allocation.entity;

import java.util.List;

/** Why an entity is a compliance risk (notice §一: 涉法、涉诉、涉债、涉司法冻结). */
public enum ComplianceRiskReason {
    /** 涉法 */
    LEGAL,
    /** 涉诉 */
    LITIGATION,
    /** 涉债 */
    DEBT,
    /** 涉司法冻结 */
    JUDICIAL_FREEZE;

    /** The reasons as stored (comma-separated, or null) as a list. */
    public static List<String> split(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
    }
}
