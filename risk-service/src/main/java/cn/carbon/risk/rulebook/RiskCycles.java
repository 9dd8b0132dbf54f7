package cn.carbon.risk.rulebook;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of the received cycles a day or a week belongs to. Compliance is annual from 2023 on, so several cycles are
 * live at once: the index follows the cycle whose deadline comes next, while a feed or a weekly report is judged by
 * its own week. Pure: the same rulebooks give the same answers whatever order they arrived in.
 */
public final class RiskCycles {

    /** By deadline, then by cycle name, so that ties never depend on arrival order. */
    private static final Comparator<RiskRulebook> BY_DEADLINE =
            Comparator.comparing(RiskRulebook::cycleDeadline).thenComparing(RiskRulebook::cycle);

    private final List<RiskRulebook> rulebooks;

    public RiskCycles(Collection<RiskRulebook> rulebooks) {
        this.rulebooks = rulebooks.stream().sorted(BY_DEADLINE).toList();
    }

    public List<RiskRulebook> all() {
        return rulebooks;
    }

    /**
     * The cycle in force on {@code today}: the one whose last compliance deadline is the first on or after today; once
     * every deadline has passed, the one with the latest deadline (its late compliance is still followed).
     */
    public Optional<RiskRulebook> inForce(LocalDate today) {
        return rulebooks.stream().filter(r -> !r.cycleDeadline().isBefore(today)).findFirst()
                .or(() -> rulebooks.isEmpty() ? Optional.empty() : Optional.of(rulebooks.get(rulebooks.size() - 1)));
    }

    public Optional<RiskRulebook> cycle(String cycle) {
        return rulebooks.stream().filter(r -> r.cycle().equals(cycle)).findFirst();
    }

    /** The cycle whose feed window ({@code netPurchaseReporting}) holds the whole week. */
    public Optional<RiskRulebook> ofFeedWeek(LocalDate weekStart, LocalDate weekEnd) {
        return rulebooks.stream().filter(r -> r.inFeedWindow(weekStart, weekEnd)).findFirst();
    }

    /** The cycle whose final reporting month(s) the week falls in. */
    public Optional<RiskRulebook> ofReportingWeek(LocalDate weekStart, LocalDate weekEnd) {
        return rulebooks.stream().filter(r -> r.isReportingWeek(weekStart, weekEnd)).findFirst();
    }
}
