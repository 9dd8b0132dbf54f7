package cn.carbon.offset.compliance;

import java.time.Instant;

/**
 * One entity-year's compliance record as the registry (surrender-service, carbon.compliance.v1) last reported it.
 *
 * @param offsetT   offsets the ledger has credited (from this service's confirmations)
 * @param asOf      the time of the event that set it
 */
public record CompliancePosition(String uscc, int complianceYear, String cycle, String status, long obligationT,
                                 long surrenderedT, long offsetT, long remainingT, Instant asOf) {
}
