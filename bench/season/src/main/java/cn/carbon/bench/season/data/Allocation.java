package cn.carbon.bench.season.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The season's own reading of the allocation rules (RULES.md §4, §10, §16), written from the rules and the rulebook,
 * not from allocation-service's engine: unit allowance, pre-allocation, verified allocation with the gas treatment
 * and the 80 % floor, obligation, gap, CCER cap, borrowing ceiling, and where each year's allowances end up (the
 * entity's account or provincial custody, notice §一). The season checks the services against these figures.
 */
public final class Allocation {

    private final Rulebook rb;

    public Allocation(Rulebook rb) {
        this.rb = rb;
    }

    public Rulebook rulebook() {
        return rb;
    }

    /**
     * A = Qe × Be × Fl × Fr × Ff + Qh × Bh at full precision, with the benchmarks of {@code year}; Qe is net supply
     * or gross generation as the rulebook's output basis says, and a correction the rulebook lacks is 1. A category
     * allocated its verified emissions (2024 industry) gets them.
     */
    public BigDecimal unrounded(int year, DataSet.Unit u) {
        if ("VERIFIED_EMISSIONS".equals(rb.method(u.category()))) {
            return BigDecimal.valueOf(u.verifiedEmissionsT());
        }
        String fuel = rb.fuel(u.category());
        BigDecimal fl = rb.coolingFactor(fuel, u.cooling());
        BigDecimal fr = BigDecimal.ONE.subtract(rb.heatCoefficient(fuel).multiply(u.heatRatio()));
        BigDecimal ff = rb.loadFactor(u.category(), u.heatRatio(), u.heatSupplyGj(), u.loadFactor());
        BigDecimal output = rb.grossGeneration() ? u.powerGenerationMwh() : u.powerSupplyMwh();
        BigDecimal supply = output.multiply(rb.supplyBenchmark(year, u.category())).multiply(fl)
                .multiply(fr).multiply(ff);
        return supply.add(u.heatSupplyGj().multiply(rb.heatBenchmark(year, u.category())));
    }

    public long allowance(int year, DataSet.Unit u) {
        return unrounded(year, u).setScale(0, rb.rounding("unitAllowance")).longValueExact();
    }

    public long preAllocation(int year, DataSet.Unit baseYearUnit) {
        return rb.preAllocationShare().multiply(unrounded(year, baseYearUnit))
                .setScale(0, rb.rounding("unitPreAllocation")).longValueExact();
    }

    /** Fills {@code e.years} from its units and its status (as set before the pre-allocation). */
    public void compute(DataSet.Entity e) {
        int baseYear = rb.hasPreAllocation() ? rb.preAllocationBaseYear() : Integer.MIN_VALUE;
        boolean dissolved = "DISSOLVED".equals(e.status);
        boolean special = "FACILITIES_CLOSED".equals(e.status) || "COMPLIANCE_RISK".equals(e.status);
        boolean receivesPre = receivesPreAllocation(e.status);
        boolean receivedPre = receivesPreAllocation(e.statusAtPreAllocation());
        String gasMode = rb.gasUnitRelief();
        for (int year : rb.years()) {
            DataSet.Year y = e.years.computeIfAbsent(year, k -> new DataSet.Year());
            y.year = year;
            List<DataSet.Unit> units = e.units.stream().filter(u -> u.year() == year).toList();
            long emissions = 0;
            long verified = 0;
            long gasRelief = 0;
            long gasReduction = 0;
            for (DataSet.Unit u : units) {
                long a = allowance(year, u);
                emissions += u.verifiedEmissionsT();
                verified += a;
                if ("GAS".equals(rb.fuel(u.category()))) {
                    long shortfall = Math.max(0, u.verifiedEmissionsT() - a);
                    if ("RAISE_TO_VERIFIED_EMISSIONS_BEFORE_ENTITY_FLOOR".equals(gasMode)) {
                        gasRelief += shortfall;
                    } else if ("CAP_OBLIGATION_AT_ALLOCATION".equals(gasMode)) {
                        gasReduction += shortfall;
                    }
                }
            }
            long base = 0;
            for (DataSet.Unit u : e.units) {
                if (u.year() == baseYear) {
                    base += preAllocation(year, u);
                }
            }
            // the final position depends on the status, never on whether it was set before or after the
            // pre-allocation (issue 12): what that run issued is kept apart, for the ledger's figures in between
            long pre = receivesPre ? base : 0;
            y.preIssuedT = receivedPre ? base : 0;
            y.noEmissions = units.isEmpty() && !dissolved;
            y.emissionsT = emissions;
            y.verifiedT = verified;
            y.preAllocatedT = pre;
            y.exempt = dissolved;
            if (dissolved) { // nothing issued, nothing owed (the status may have changed since a first computation)
                y.preAllocatedT = y.preIssuedT = 0;
                y.verifiedT = 0; // issue 12: the official tables show no 核定 for a dissolved entity
                y.gasReliefT = y.floorReliefT = y.issuedT = y.obligationT = y.gapT = y.ccerCapT = 0;
                y.borrowingCeilingT = y.accountT = y.custodyT = y.clawedBackT = 0;
                continue;
            }
            long obligation = emissions - gasReduction;
            long beforeFloor = verified + gasRelief;
            long floor = rb.floorShare().multiply(BigDecimal.valueOf(emissions))
                    .setScale(0, rb.rounding("floor")).longValueExact();
            long floorRelief = Math.max(0, Math.min(floor, obligation) - beforeFloor);
            y.gasReliefT = gasRelief;
            y.floorReliefT = floorRelief;
            y.issuedT = beforeFloor + floorRelief;
            y.obligationT = obligation;
            y.gapT = Math.max(0, obligation - y.issuedT);
            y.ccerCapT = rb.ccerCapShare().multiply(BigDecimal.valueOf(obligation))
                    .setScale(0, rb.rounding("ccerCap")).longValueExact();
            long denominator = emissions; // settings.gapRateDenominator VERIFIED_EMISSIONS (the shipped reading)
            boolean eligible = rb.hasBorrowing() && "OPERATING".equals(e.status) && y.gapT > 0 && denominator > 0
                    && BigDecimal.valueOf(y.gapT).compareTo(rb.borrowingThreshold().multiply(BigDecimal.valueOf(denominator))) >= 0;
            y.borrowingCeilingT = eligible ? rb.borrowingShareOfGap().multiply(BigDecimal.valueOf(y.gapT))
                    .setScale(0, rb.rounding("borrowingCeiling")).longValueExact() : 0;
            long delta = y.issuedT - pre;
            y.clawedBackT = Math.max(0, -delta);
            y.accountT = pre - y.clawedBackT + (delta > 0 && !special ? delta : 0);
            y.custodyT = delta > 0 && special ? delta : 0;
        }
    }

    /**
     * Whether an entity of this status keeps a pre-allocation: OPERATING always, FACILITIES_CLOSED and DISSOLVED never,
     * COMPLIANCE_RISK as the rulebook's differentiated-issuance setting says (notice §一).
     */
    public boolean receivesPreAllocation(String status) {
        return "OPERATING".equals(status) || ("COMPLIANCE_RISK".equals(status) && rb.complianceRiskKeepsPreAllocation());
    }

    /** Rounding helper for the generator's own quantities (never the rules'). */
    static long down(double v) {
        return BigDecimal.valueOf(v).setScale(0, RoundingMode.DOWN).longValue();
    }
}
