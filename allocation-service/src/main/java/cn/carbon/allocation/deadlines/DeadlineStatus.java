package cn.carbon.allocation.deadlines;

import cn.carbon.contracts.rulebook.Deadline;
import cn.carbon.contracts.rulebook.StageAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deadline of the notice and a province's state against it: done (on time or late, with the late action's reason,
 * time and author), open or overdue. The deadline is done when every action it binds is done; an action that must be
 * done for several things (the compliance notice: for every entity of the province) when each of them is. The first
 * time an action was done (for each thing) decides: a run on time stays on time when it is re-run later.
 *
 * @param actions the first time each action (each thing) was done, what decides the state; oldest first
 */
public record DeadlineStatus(String key, String date, String description, List<StageAction> appliesTo,
                             DeadlineState state, Instant doneAt, String doneBy, String lateReason,
                             List<ActionDone> actions) {

    /**
     * Judges {@code deadline} at {@code now} from what was done for the province.
     *
     * @param required per action, the references that must each be done (absent or empty: any one will do)
     */
    public static DeadlineStatus judge(Deadline deadline, Instant now, List<ActionDone> done,
                                       Map<StageAction, Set<String>> required) {
        Map<String, ActionDone> first = new LinkedHashMap<>();
        done.stream().filter(a -> deadline.appliesTo().contains(a.action()))
                .sorted(Comparator.comparing(ActionDone::doneAt))
                .forEach(a -> first.putIfAbsent(required.getOrDefault(a.action(), Set.of()).isEmpty()
                        ? a.action().name() : a.action() + "|" + a.reference(), a));
        boolean complete = true;
        for (StageAction action : deadline.appliesTo()) {
            Set<String> refs = new HashSet<>();
            first.values().stream().filter(a -> a.action() == action).forEach(a -> refs.add(a.reference()));
            Set<String> needed = required.getOrDefault(action, Set.of());
            complete &= needed.isEmpty() ? !refs.isEmpty() : refs.containsAll(needed);
        }
        List<ActionDone> firsts = new ArrayList<>(first.values());
        String date = deadline.date().value().toString();
        if (!complete || deadline.appliesTo().isEmpty()) {
            DeadlineState s = deadline.isMissedAt(now) ? DeadlineState.OVERDUE : DeadlineState.OPEN;
            return new DeadlineStatus(deadline.key(), date, deadline.description(), deadline.appliesTo(), s, null,
                    null, null, firsts);
        }
        ActionDone last = firsts.get(firsts.size() - 1);
        ActionDone lastLate = firsts.stream().filter(ActionDone::late).reduce((a, b) -> b).orElse(null);
        if (lastLate == null) {
            return new DeadlineStatus(deadline.key(), date, deadline.description(), deadline.appliesTo(),
                    DeadlineState.DONE_ON_TIME, last.doneAt(), last.doneBy(), null, firsts);
        }
        return new DeadlineStatus(deadline.key(), date, deadline.description(), deadline.appliesTo(),
                DeadlineState.DONE_LATE, lastLate.doneAt(), lastLate.doneBy(), lastLate.lateReason(), firsts);
    }
}
