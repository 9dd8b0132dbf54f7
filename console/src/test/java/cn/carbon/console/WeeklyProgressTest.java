package cn.carbon.console;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyProgressTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static WeeklyProgress.Entry entry(String status, Long obligation, String completedAt) {
        return new WeeklyProgress.Entry(status, obligation, 0, completedAt == null ? null : Instant.parse(completedAt));
    }

    @Test
    void noRecordsNoObligationsNoWeeks() {
        var progress = WeeklyProgress.of(List.of(), BEIJING);
        assertThat(progress.obliged()).isZero();
        assertThat(progress.weeks()).isEmpty();
        var open = WeeklyProgress.of(List.of(entry("OPEN", null, null), entry("OVERDUE", 100L, null)), BEIJING);
        assertThat(open.obliged()).isEqualTo(2);
        assertThat(open.obligationT()).isEqualTo(100);
        assertThat(open.weeks()).isEmpty();
    }

    @Test
    void completionsFallInTheirBeijingWeekAndEmptyWeeksBetweenAreKept() {
        var progress = WeeklyProgress.of(List.of(
                // Sunday 23:30 UTC is Monday 07:30 in Beijing: the next week
                entry("COMPLIANT", 1_000L, "2023-11-05T23:30:00Z"),
                entry("COMPLIANT", 3_000L, "2023-11-07T02:00:00Z"),
                entry("COMPLIANT_LATE", 2_000L, "2023-11-22T02:00:00Z"),
                entry("OPEN", 4_000L, null)), BEIJING);
        assertThat(progress.obliged()).isEqualTo(4);
        assertThat(progress.obligationT()).isEqualTo(10_000);
        assertThat(progress.weeks()).containsExactly(
                new WeeklyProgress.Week(LocalDate.parse("2023-11-06"), 2, 2, 50.0, 4_000, 4_000),
                new WeeklyProgress.Week(LocalDate.parse("2023-11-13"), 0, 2, 50.0, 0, 4_000),
                new WeeklyProgress.Week(LocalDate.parse("2023-11-20"), 1, 3, 75.0, 2_000, 6_000));
    }

    @Test
    void exemptEntitiesStayOutOfTheShareAndTheObligation() {
        var progress = WeeklyProgress.of(List.of(
                entry("EXEMPT", null, null),
                entry("EXEMPT", 500L, "2023-11-07T02:00:00Z"),
                entry("COMPLIANT", 1_000L, "2023-11-07T02:00:00Z")), BEIJING);
        assertThat(progress.exempt()).isEqualTo(2);
        assertThat(progress.obliged()).isEqualTo(1);
        assertThat(progress.obligationT()).isEqualTo(1_000);
        assertThat(progress.weeks()).singleElement().satisfies(w -> {
            assertThat(w.completed()).isEqualTo(1);
            assertThat(w.percentSoFar()).isEqualTo(100.0);
        });
    }

    @Test
    void obligationAddedCountsAndTheShareIsRoundedDownBelowTheLine() {
        var entries = new java.util.ArrayList<WeeklyProgress.Entry>();
        for (int i = 0; i < 1_899; i++) {
            entries.add(new WeeklyProgress.Entry("COMPLIANT", 10L, 5, Instant.parse("2023-12-01T02:00:00Z")));
        }
        entries.add(entry("OPEN", 10L, null));
        var progress = WeeklyProgress.of(entries, BEIJING);
        // 1899 of 1900 is 99.947 %: shown as 99.9, never as 100
        assertThat(progress.weeks().get(0).percentSoFar()).isEqualTo(99.9);
        assertThat(progress.weeks().get(0).obligationCompletedT()).isEqualTo(1_899L * 15);
        assertThat(WeeklyProgress.percent(1899, 2000)).isEqualTo(94.9);
    }

    @Test
    void aStatusNotCompliedIsNotCountedEvenWithACompletionTime() {
        var progress = WeeklyProgress.of(List.of(entry("OVERDUE", 10L, "2023-11-07T02:00:00Z")), BEIJING);
        assertThat(progress.weeks()).isEmpty();
    }
}
