package cn.carbon.contracts;

import java.time.Instant;

/**
 * {@code carbon.compliance.v1}: an entity's compliance record for a year after any change.
 *
 * @param status OPEN, COMPLIANT, COMPLIANT_LATE, OVERDUE or EXEMPT
 */
public record ComplianceEvent(String uscc, String provinceCode, String cycle, int complianceYear, long obligationT,
                              long surrenderedT, long offsetT, long borrowedUsedT, long remainingT, long shortfallT,
                              String status, Instant completedAt, String certificateId) {

    public static final String CHANGED = "ComplianceStatusChanged";
    public static final String SHORTFALL = "ShortfallRecorded";
}
