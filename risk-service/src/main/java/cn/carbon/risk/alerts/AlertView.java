package cn.carbon.risk.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An alert as the API lists and streams it. */
public record AlertView(UUID alertId, String uscc, String provinceCode, String cycle, int complianceYear, int index,
                        String level, String previousLevel, Map<String, Double> factors, Instant raisedAt) {
}
