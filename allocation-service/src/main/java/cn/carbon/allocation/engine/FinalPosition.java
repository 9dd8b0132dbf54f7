package cn.carbon.allocation.engine;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where an entity-year's allocation must end up once verified (核定), net per destination account, whatever the order
 * in which the status changed and the runs ran ({@link DifferentiatedIssuance#finalPosition}).
 *
 * @param entityAccountT     net in the entity's own account
 * @param provincialCustodyT net in provincial custody (省级主管部门代管)
 */
public record FinalPosition(long entityAccountT, long provincialCustodyT) {

    public FinalPosition {
        if (entityAccountT < 0 || provincialCustodyT < 0) {
            throw new IllegalArgumentException("a final position is >= 0 in each account, was " + entityAccountT
                    + " / " + provincialCustodyT);
        }
    }

    public static final FinalPosition NOTHING = new FinalPosition(0, 0);

    public long at(Destination d) {
        return d == Destination.ENTITY_ACCOUNT ? entityAccountT : provincialCustodyT;
    }

    public long totalT() {
        return entityAccountT + provincialCustodyT;
    }

    public Map<Destination, Long> asMap() {
        Map<Destination, Long> m = new EnumMap<>(Destination.class);
        for (Destination d : Destination.values()) {
            m.put(d, at(d));
        }
        return m;
    }
}
