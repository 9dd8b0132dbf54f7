package cn.carbon.allocation.engine;

import java.util.List;

/**
 * An entity's pre-allocation for one compliance year.
 *
 * @param computedT      sum of the units' rounded pre-allocations
 * @param issuedT        what is issued: {@code computedT}, or 0 when the status withholds it
 * @param withheldReason why nothing is issued, or null
 */
public record PreAllocationYear(int year, String vintage, List<UnitPreAllocation> units, long computedT,
                                long issuedT, String withheldReason) {
}
