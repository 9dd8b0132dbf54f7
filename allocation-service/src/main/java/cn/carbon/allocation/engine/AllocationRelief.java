package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.Fuel;
import cn.carbon.contracts.rulebook.GasUnitRelief;
import cn.carbon.contracts.rulebook.Rulebook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Relief at the verification (核定) stage (RULES.md §4.7, §10, §13.4, §16):
 * <ol>
 * <li>gas units, per {@code settings.gasUnitRelief} — default: each gas unit's allocation is raised to its verified
 * emissions; alternative (2019-20): its obligation is capped at its allocation;</li>
 * <li>then the floor (履约缺口上限) on the entity total: if the allocation is below
 * {@code allocationFloor.shareOfVerifiedEmissions} × verified emissions (rounded per {@code rounding.floor}), the
 * allocation to issue becomes that floor. The floor only closes a gap: it never lifts the allocation above the
 * obligation (this matters only when gas obligations are capped).</li>
 * </ol>
 */
public final class AllocationRelief {

    private AllocationRelief() {
    }

    public static ReliefOutcome apply(Rulebook rb, List<UnitAllowance> units) {
        GasUnitRelief mode = rb.settings().gasUnitRelief().value();
        long verifiedAllocation = 0;
        long emissions = 0;
        long gasRelief = 0;
        long gasObligationReduction = 0;
        List<GasUnitTreatment> gas = new ArrayList<>();
        for (UnitAllowance u : units) {
            long a = u.allowanceT();
            long e = u.inputs().verifiedEmissionsT();
            verifiedAllocation += a;
            emissions += e;
            if (u.category().fuel() == Fuel.GAS) {
                long shortfall = Math.max(0, e - a);
                long relief = mode == GasUnitRelief.RAISE_TO_VERIFIED_EMISSIONS_BEFORE_ENTITY_FLOOR ? shortfall : 0;
                long reduction = mode == GasUnitRelief.CAP_OBLIGATION_AT_ALLOCATION ? shortfall : 0;
                gasRelief += relief;
                gasObligationReduction += reduction;
                gas.add(new GasUnitTreatment(u.unitId(), a, e, relief, reduction));
            }
        }
        long obligation = emissions - gasObligationReduction;
        long beforeFloor = verifiedAllocation + gasRelief;
        long floor = floor(rb, emissions);
        long floorRelief = Math.max(0, Math.min(floor, obligation) - beforeFloor);
        return new ReliefOutcome(List.copyOf(gas), gasRelief, gasObligationReduction, beforeFloor, floor,
                floorRelief, beforeFloor + floorRelief, obligation);
    }

    /** Floor share × verified emissions, rounded per {@code rounding.floor}. */
    public static long floor(Rulebook rb, long verifiedEmissionsT) {
        BigDecimal share = rb.allocationFloor().shareOfVerifiedEmissions().value();
        return share.multiply(BigDecimal.valueOf(verifiedEmissionsT))
                .setScale(0, rb.rounding().floor().value()).longValueExact();
    }
}
