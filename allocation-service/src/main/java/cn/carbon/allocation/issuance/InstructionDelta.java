package cn.carbon.allocation.issuance;

import cn.carbon.allocation.engine.Destination;
import cn.carbon.allocation.engine.InstructionKind;
import cn.carbon.allocation.engine.IssuanceInstruction;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a run must still instruct: the engine says what one stage of an entity-year should have moved in total (its
 * instructions, net per destination account); the registry has already been told some of it. Only the difference
 * goes out, so a re-run with nothing changed sends nothing, and a change (new data, a new rulebook version, a new
 * status) sends exactly the correction: a claw-back where too much was instructed, an issue where too little.
 * Claw-backs come before issues.
 */
public final class InstructionDelta {

    private InstructionDelta() {
    }

    /** One instruction still to send. */
    public record Planned(Destination destination, InstructionKind kind, long quantityT, String rule) {
    }

    /**
     * @param target     the engine's instructions for one entity, year and stage
     * @param instructed what earlier runs instructed at that stage, net per destination (+ issued, − clawed back)
     */
    public static List<Planned> between(List<IssuanceInstruction> target, Map<Destination, Long> instructed) {
        Map<Destination, Long> want = new EnumMap<>(Destination.class);
        Map<Destination, String> rules = new EnumMap<>(Destination.class);
        for (IssuanceInstruction i : target) {
            want.merge(i.account(), i.signedQuantityT(), Long::sum);
            rules.putIfAbsent(i.account(), i.rule());
        }
        List<Planned> clawBacks = new ArrayList<>();
        List<Planned> issues = new ArrayList<>();
        for (Destination d : Destination.values()) {
            long wanted = want.getOrDefault(d, 0L);
            long done = instructed.getOrDefault(d, 0L);
            long delta = wanted - done;
            if (delta == 0) {
                continue;
            }
            String rule = done == 0 ? rules.get(d)
                    : rules.containsKey(d) ? rules.get(d) + "; difference to the " + done + " t instructed earlier"
                    : "re-run: the " + done + " t instructed earlier to " + d + " are no longer due";
            if (delta > 0) {
                issues.add(new Planned(d, InstructionKind.ISSUE, delta, rule));
            } else {
                clawBacks.add(new Planned(d, InstructionKind.CLAW_BACK, -delta, rule));
            }
        }
        clawBacks.addAll(issues);
        return clawBacks;
    }
}
