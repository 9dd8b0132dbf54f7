package cn.carbon.allocation.engine;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the pre-allocation stage of an entity-year amounts to when it is verified.
 *
 * @param preAllocationT the engine's pre-allocation figure of the year (share × base-year allowance), whatever the
 *                       entity's status; 0 when no pre-allocation was computed
 * @param instructedT    what the pre-allocation stage instructed, net per destination (+ issued, − clawed back)
 */
public record PreAllocationPosition(long preAllocationT, Map<Destination, Long> instructedT) {

    public PreAllocationPosition {
        if (preAllocationT < 0) {
            throw new IllegalArgumentException("the pre-allocation figure is >= 0, was " + preAllocationT);
        }
        instructedT = Map.copyOf(instructedT);
    }

    /** A pre-allocation of {@code t} issued to the entity's account (0: none). */
    public static PreAllocationPosition issuedToEntity(long t) {
        Map<Destination, Long> m = new EnumMap<>(Destination.class);
        if (t != 0) {
            m.put(Destination.ENTITY_ACCOUNT, t);
        }
        return new PreAllocationPosition(Math.max(0, t), m);
    }

    public long instructedAt(Destination d) {
        return instructedT.getOrDefault(d, 0L);
    }

    public long instructedTotalT() {
        return instructedT.values().stream().mapToLong(Long::longValue).sum();
    }
}
