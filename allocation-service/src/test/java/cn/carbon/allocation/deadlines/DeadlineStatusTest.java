package cn.carbon.allocation.deadlines;

import cn.carbon.contracts.rulebook.Deadline;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.contracts.rulebook.StageAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A province's state against a deadline, from what was done when (pure). */
class DeadlineStatusTest {

    static final Rulebook RB = ShippedRulebooks.power2021To2022();
    static final Deadline PRE = RB.deadline("preAllocationSubmission");          // 2023-04-30
    static final Deadline ISSUANCE = RB.deadline("issuanceAndComplianceNotice"); // 2023-08-11: run + every notice

    static Instant at(String shanghai) {
        return OffsetDateTime.parse(shanghai + "+08:00").toInstant();
    }

    static ActionDone done(StageAction a, String ref, String when, String reason) {
        return new ActionDone(a, ref, at(when), "province.320000", reason != null, reason);
    }

    @Test
    void nothingDoneIsOpenUntilTheEndOfTheDayThenOverdue() {
        assertThat(DeadlineStatus.judge(PRE, at("2023-04-30T23:59:59"), List.of(), Map.of()).state())
                .isEqualTo(DeadlineState.OPEN);
        assertThat(DeadlineStatus.judge(PRE, at("2023-05-01T00:00:00"), List.of(), Map.of()).state())
                .isEqualTo(DeadlineState.OVERDUE);
    }

    @Test
    void doneByTheDayIsOnTimeAndTheFirstRunDecides() {
        List<ActionDone> runs = List.of(done(StageAction.PRE_ALLOCATION_RUN, "job:2", "2023-05-03T09:00:00", "late"),
                done(StageAction.PRE_ALLOCATION_RUN, "job:1", "2023-04-30T18:00:00", null));
        DeadlineStatus s = DeadlineStatus.judge(PRE, at("2023-06-01T00:00:00"), runs, Map.of());
        assertThat(s.state()).isEqualTo(DeadlineState.DONE_ON_TIME);
        assertThat(s.doneAt()).isEqualTo(at("2023-04-30T18:00:00"));
        assertThat(s.lateReason()).isNull();
    }

    @Test
    void doneAfterTheDayIsLateWithItsReasonWhenAndWho() {
        DeadlineStatus s = DeadlineStatus.judge(PRE, at("2023-06-01T00:00:00"),
                List.of(done(StageAction.PRE_ALLOCATION_RUN, "job:1", "2023-05-02T10:00:00", "data came late")),
                Map.of());
        assertThat(s.state()).isEqualTo(DeadlineState.DONE_LATE);
        assertThat(s.lateReason()).isEqualTo("data came late");
        assertThat(s.doneAt()).isEqualTo(at("2023-05-02T10:00:00"));
        assertThat(s.doneBy()).isEqualTo("province.320000");
    }

    @Test
    void aDeadlineOfSeveralActionsIsDoneWhenEveryActionIsForEveryEntity() {
        Map<StageAction, Set<String>> required = Map.of(StageAction.COMPLIANCE_NOTICE, Set.of("A", "B"));
        List<ActionDone> some = List.of(done(StageAction.VERIFICATION_RUN, "job:1", "2023-07-20T10:00:00", null),
                done(StageAction.COMPLIANCE_NOTICE, "A", "2023-08-01T10:00:00", null));
        assertThat(DeadlineStatus.judge(ISSUANCE, at("2023-08-10T00:00:00"), some, required).state())
                .isEqualTo(DeadlineState.OPEN);
        assertThat(DeadlineStatus.judge(ISSUANCE, at("2023-08-12T00:00:00"), some, required).state())
                .isEqualTo(DeadlineState.OVERDUE);

        List<ActionDone> all = new java.util.ArrayList<>(some);
        all.add(done(StageAction.COMPLIANCE_NOTICE, "B", "2023-08-14T10:00:00", "entity unreachable"));
        DeadlineStatus s = DeadlineStatus.judge(ISSUANCE, at("2023-08-20T00:00:00"), all, required);
        assertThat(s.state()).isEqualTo(DeadlineState.DONE_LATE);
        assertThat(s.lateReason()).isEqualTo("entity unreachable");
        assertThat(s.actions()).hasSize(3);
        // actions of other deadlines do not count
        assertThat(DeadlineStatus.judge(PRE, at("2023-04-01T00:00:00"), all, required).state())
                .isEqualTo(DeadlineState.OPEN);
    }
}
