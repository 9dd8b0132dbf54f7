package cn.carbon.risk.alerts;

import org.junit.jupiter.api.Test;

import static cn.carbon.risk.index.RiskLevel.CRITICAL;
import static cn.carbon.risk.index.RiskLevel.HIGH;
import static cn.carbon.risk.index.RiskLevel.LOW;
import static cn.carbon.risk.index.RiskLevel.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;

class AlertRuleTest {

    @Test
    void aRiseToHighOrCriticalRaises() {
        assertThat(AlertRule.raises(LOW, HIGH)).isTrue();
        assertThat(AlertRule.raises(MEDIUM, HIGH)).isTrue();
        assertThat(AlertRule.raises(MEDIUM, CRITICAL)).isTrue();
        assertThat(AlertRule.raises(HIGH, CRITICAL)).isTrue();
        assertThat(AlertRule.raises(null, HIGH)).isTrue();
    }

    @Test
    void aLevelThatHoldsOrFallsOrStaysBelowHighRaisesNothing() {
        assertThat(AlertRule.raises(HIGH, HIGH)).isFalse();
        assertThat(AlertRule.raises(CRITICAL, CRITICAL)).isFalse();
        assertThat(AlertRule.raises(CRITICAL, HIGH)).isFalse();
        assertThat(AlertRule.raises(LOW, MEDIUM)).isFalse();
        assertThat(AlertRule.raises(HIGH, LOW)).isFalse();
    }

    @Test
    void aSequenceRaisesOncePerRise() {
        var levels = new cn.carbon.risk.index.RiskLevel[]{LOW, HIGH, HIGH, HIGH, MEDIUM, HIGH, CRITICAL, CRITICAL, HIGH};
        int alerts = 0;
        for (int i = 1; i < levels.length; i++) {
            if (AlertRule.raises(levels[i - 1], levels[i])) {
                alerts++;
            }
        }
        assertThat(alerts).isEqualTo(3); // LOW→HIGH, MEDIUM→HIGH, HIGH→CRITICAL
    }
}
