package cn.carbon.contracts;

import java.time.Instant;
import java.util.Map;

/** {@code carbon.risk-alerts.v1}: an entity's compliance risk rose to HIGH or CRITICAL. */
public record RiskAlertEvent(String alertId, String uscc, String provinceCode, String cycle, int complianceYear,
                             int index, String level, String previousLevel, Map<String, Double> factors,
                             Instant raisedAt) {

    public static final String RAISED = "RiskAlertRaised";
}
