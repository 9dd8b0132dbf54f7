package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Rulebook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pre-allocation (预分配, RULES.md §3 K14–K15, §4.5, §10): for each compliance year, per unit
 * {@code share × A_unit(year's benchmarks, base-year data)} rounded half-up once at unit level; the entity's figure
 * is the sum of its units'. Share, base year and rounding come from the rulebook ({@code preAllocation.*},
 * {@code rounding.unitPreAllocation}); who receives it from {@link DifferentiatedIssuance}.
 */
public final class PreAllocation {

    private PreAllocation() {
    }

    /** A unit's pre-allocation for compliance year {@code year}, from its base-year data. */
    public static UnitPreAllocation unit(Rulebook rb, int year, UnitYearData baseYearData) {
        int baseYear = rb.preAllocation().baseYear().value();
        if (baseYearData.year() != baseYear) {
            throw new UnitDataException(baseYearData.unitId(), "year", "pre-allocation uses base-year (" + baseYear
                    + ") data (preAllocation.baseYear), was " + baseYearData.year());
        }
        UnitAllowance base = UnitAllowanceCalculator.compute(rb, year, baseYearData);
        BigDecimal share = rb.preAllocation().share().value();
        BigDecimal unrounded = share.multiply(base.unrounded());
        long t = unrounded.setScale(0, rb.rounding().unitPreAllocation().value()).longValueExact();
        return new UnitPreAllocation(rb.ref(), baseYearData.unitId(), year, share, base, unrounded, t);
    }

    /** The entity's pre-allocation for every compliance year, with the issuance instructions for its status. */
    public static EntityPreAllocation entity(Rulebook rb, String entityId, EntityStatus status,
                                             List<UnitYearData> baseYearUnits) {
        requireDistinctUnits(baseYearUnits);
        List<PreAllocationYear> years = new ArrayList<>();
        List<IssuanceInstruction> instructions = new ArrayList<>();
        for (int year : rb.complianceYears()) {
            List<UnitPreAllocation> units = baseYearUnits.stream().map(u -> unit(rb, year, u)).toList();
            long computed = units.stream().mapToLong(UnitPreAllocation::preAllocatedT).sum();
            boolean receives = DifferentiatedIssuance.receivesPreAllocation(status);
            long issued = receives ? computed : 0;
            String withheld = receives ? null
                    : DifferentiatedIssuance.NOTICE_1 + ": no pre-allocation for a " + status + " entity";
            String vintage = rb.allocationVintage(year);
            years.add(new PreAllocationYear(year, vintage, units, computed, issued, withheld));
            instructions.addAll(DifferentiatedIssuance.preAllocationStage(rb.ref(), entityId, status, year, vintage,
                    issued));
        }
        return new EntityPreAllocation(rb.ref(), entityId, status, rb.preAllocation().baseYear().value(),
                List.copyOf(years), List.copyOf(instructions));
    }

    static void requireDistinctUnits(List<UnitYearData> units) {
        Set<String> seen = new HashSet<>();
        for (UnitYearData u : units) {
            if (!seen.add(u.unitId())) {
                throw new UnitDataException(u.unitId(), "unitId", "appears twice for the same year");
            }
        }
    }
}
