package cn.carbon.allocation.carryover;

import org.junit.jupiter.api.Test;

import static cn.carbon.allocation.carryover.ShortfallRule.Kind.CANCEL;
import static cn.carbon.allocation.carryover.ShortfallRule.Kind.NONE;
import static cn.carbon.allocation.carryover.ShortfallRule.Kind.OPEN;
import static cn.carbon.allocation.carryover.ShortfallRule.Kind.SUPERSEDE;
import static org.assertj.core.api.Assertions.assertThat;

/** How compliance records move an entity-year's shortfall line (RULES.md §5, E9). */
class ShortfallRuleTest {

    @Test
    void aShortfallAtTheDeadlineIsOwedOneToOne() {
        ShortfallRule.Change c = ShortfallRule.next(null, "OVERDUE", 10_000);
        assertThat(c.kind()).isEqualTo(OPEN);
        assertThat(c.quantityT()).isEqualTo(10_000);
    }

    @Test
    void theSameShortfallAgainChangesNothingAndAChangedOneSupersedes() {
        assertThat(ShortfallRule.next(10_000L, "OVERDUE", 10_000).kind()).isEqualTo(NONE);
        ShortfallRule.Change c = ShortfallRule.next(10_000L, "OVERDUE", 4_000);
        assertThat(c.kind()).isEqualTo(SUPERSEDE);
        assertThat(c.quantityT()).isEqualTo(4_000);
        assertThat(c.reason()).contains("10000 t").contains("4000 t");
    }

    @Test
    void aLateComplianceCancelsTheLine() {
        ShortfallRule.Change c = ShortfallRule.next(10_000L, "COMPLIANT_LATE", 10_000);
        assertThat(c.kind()).isEqualTo(CANCEL);
        assertThat(c.reason()).contains("late compliance");
        assertThat(ShortfallRule.next(10_000L, "EXEMPT", 0).kind()).isEqualTo(CANCEL);
    }

    @Test
    void beforeTheDeadlineNothingIsOwed() {
        assertThat(ShortfallRule.next(null, "OPEN", 0).kind()).isEqualTo(NONE);
        assertThat(ShortfallRule.next(null, "COMPLIANT_LATE", 0).kind()).isEqualTo(NONE);
        assertThat(ShortfallRule.next(null, "OVERDUE", 0).kind()).isEqualTo(NONE);
    }
}
