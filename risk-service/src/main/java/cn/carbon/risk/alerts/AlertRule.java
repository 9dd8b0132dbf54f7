package cn.carbon.risk.alerts;

import cn.carbon.risk.index.RiskLevel;

/**
 * One alert per rise: a value raises an alert when its level is HIGH or CRITICAL and above the previous level. A level
 * that holds (HIGH → HIGH) or falls raises nothing; MEDIUM → HIGH, HIGH → CRITICAL and a new rise after a fall do.
 */
public final class AlertRule {

    private AlertRule() {
    }

    public static boolean raises(RiskLevel previous, RiskLevel current) {
        return current.isAlerting() && current.compareTo(previous == null ? RiskLevel.LOW : previous) > 0;
    }
}
