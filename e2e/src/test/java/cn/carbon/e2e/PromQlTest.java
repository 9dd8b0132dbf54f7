package cn.carbon.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void readsTheMetricsAndNothingElse() {
        assertThat(PromQl.metricNames("""
                max by (group, topic) (carbon_consumer_lag) > 0
                and max by (group, topic) (carbon_consumer_lag) >= max by (group, topic) (carbon_consumer_lag offset 2m)"""))
                .containsExactly("carbon_consumer_lag");
        assertThat(PromQl.metricNames("sum by (job, consumer) (increase(carbon_inbox_events_total{outcome=\"dead-letter\"}[10m])) > 0"))
                .containsExactly("carbon_inbox_events_total");
        assertThat(PromQl.metricNames("""
                max by (cycle, year, province) (carbon_compliance_share{province=~"$province"})
                < on (cycle) group_left (deadline) carbon:compliance_target_due_within_7d"""))
                .containsExactly("carbon:compliance_target_due_within_7d", "carbon_compliance_share");
        assertThat(PromQl.metricNames("(max by (cycle, deadline) (carbon_compliance_target_deadline_seconds) "
                + "- on () group_left () max(carbon_business_clock_seconds)) / 86400 < 7 * 86400"))
                .containsExactly("carbon_business_clock_seconds", "carbon_compliance_target_deadline_seconds");
        assertThat(PromQl.metricNames("up{job=~\"a|b\"} == 0")).containsExactly("up");
    }
}
