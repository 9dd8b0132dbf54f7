package cn.carbon.surrender.compliance;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceStatusTest {

    static final Instant DEADLINE_END = Instant.parse("2023-12-31T16:00:00Z");
    static final Instant BEFORE = Instant.parse("2023-11-01T00:00:00Z");
    static final Instant AFTER = Instant.parse("2024-01-05T00:00:00Z");

    @Test
    void statuses() {
        assertThat(ComplianceStatus.of(false, 100L, null, BEFORE, DEADLINE_END)).isEqualTo(ComplianceStatus.OPEN);
        assertThat(ComplianceStatus.of(false, null, null, BEFORE, DEADLINE_END)).isEqualTo(ComplianceStatus.OPEN);
        assertThat(ComplianceStatus.of(false, 100L, null, AFTER, DEADLINE_END)).isEqualTo(ComplianceStatus.OVERDUE);
        assertThat(ComplianceStatus.of(false, 0L, BEFORE, AFTER, DEADLINE_END)).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(ComplianceStatus.of(false, 0L, AFTER, AFTER, DEADLINE_END)).isEqualTo(ComplianceStatus.COMPLIANT_LATE);
        assertThat(ComplianceStatus.of(true, null, null, AFTER, DEADLINE_END)).isEqualTo(ComplianceStatus.EXEMPT);
        // the last instant of 2023-12-31 in Beijing is still on time
        assertThat(ComplianceStatus.of(false, 0L, DEADLINE_END.minusNanos(1), AFTER, DEADLINE_END))
                .isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(ComplianceStatus.of(false, 1L, null, DEADLINE_END, DEADLINE_END)).isEqualTo(ComplianceStatus.OVERDUE);
    }

    @Test
    void completionFollowsThePosition() {
        YearPosition open = YearPosition.empty("U", 2021).withObligation(100, false);
        assertThat(ComplianceStatus.withCompletion(open, BEFORE).completedAt()).isNull();
        YearPosition done = ComplianceStatus.withCompletion(open.plus(0, 60, 0, 0, 40, 0), BEFORE);
        assertThat(done.remainingT()).isZero();
        assertThat(done.completedAt()).isEqualTo(BEFORE);
        // stays completed at its first moment; a claw-back addition reopens it
        assertThat(ComplianceStatus.withCompletion(done, AFTER).completedAt()).isEqualTo(BEFORE);
        YearPosition reopened = ComplianceStatus.withCompletion(done.plus(5, 0, 0, 0, 0, 0), AFTER);
        assertThat(reopened.remainingT()).isEqualTo(5);
        assertThat(reopened.completedAt()).isNull();
    }
}
