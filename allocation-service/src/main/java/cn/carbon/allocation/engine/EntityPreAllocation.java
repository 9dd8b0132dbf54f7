package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.RulebookRef;

import java.util.List;

/** An entity's pre-allocation for every compliance year of the cycle, and the instructions to issue it. */
public record EntityPreAllocation(RulebookRef rulebook, String entityId, EntityStatus status, int baseYear,
                                  List<PreAllocationYear> years, List<IssuanceInstruction> instructions) {

    public PreAllocationYear year(int year) {
        return years.stream().filter(y -> y.year() == year).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pre-allocation for year " + year));
    }
}
