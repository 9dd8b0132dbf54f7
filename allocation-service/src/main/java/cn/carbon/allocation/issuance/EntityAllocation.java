package cn.carbon.allocation.issuance;

import cn.carbon.contracts.rulebook.RulebookRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An entity's allocation in a cycle as computed and instructed (API.md {@code GET /cycles/{cycle}/entities/{uscc}/
 * allocation}): per year, each unit's inputs, factors and allowance, the pre-allocation, the verified allocation with
 * relief, what was issued, the obligation, the destination account and the rulebook version of every figure.
 */
public record EntityAllocation(String cycle, String uscc, String name, String provinceCode, String status,
                               List<String> reasons, String specialNote, List<Year> years) {

    /**
     * @param issuedT        net of every instruction sent for the year (issues − claw-backs)
     * @param obligationT    the verified obligation, null before verification
     * @param destination    where the verification-stage allowances go, null before verification (or DISSOLVED)
     * @param borrowedT      approved borrowing (预支) for the year, deducted from the next allocation
     * @param reliefAdvanceT approved relief (纾困) for the year
     * @param state          VERIFIED, NO_EMISSIONS_DECLARED, AWAITING_VERIFIED_DATA (pre-allocated, no verified data
     *                       at the last verification run), PRE_ALLOCATED or NOT_COMPUTED
     * @param noEmissions    the province's declaration that the units emitted nothing that year, if any
     * @param issuance       for a DISSOLVED entity: the engine's figures are shown, labelled not issued (未发放)
     */
    public record Year(int year, String vintage, PreAllocation preAllocation, Verification verification, long issuedT,
                       Long obligationT, String destination, long borrowedT, long reliefAdvanceT, List<Unit> units,
                       List<Instruction> instructions, String state, NoEmissions noEmissions, String issuance) {
    }

    /** A declaration that the entity's units emitted nothing in a year: who, when, why. */
    public record NoEmissions(String reason, String declaredBy, Instant declaredAt) {
    }

    public record PreAllocation(RulebookRef rulebook, String status, int units, long computedT, long preAllocatedT,
                                String withheldReason, Instant computedAt) {
    }

    public record Verification(RulebookRef rulebook, String status, int units, long verifiedEmissionsT,
                               long verifiedAllocationT, long gasReliefT, long gasObligationReductionT, long floorT,
                               long floorReliefT, long reliefT, long issuedT, long preAllocatedIssuedT, long trueUpT,
                               long obligationT, boolean obligationExempt, long gapT, long ccerCapT,
                               boolean borrowingEligible, long borrowingCeilingT, String destination,
                               boolean specialListed, Instant verifiedAt, List<String> provisionalValues,
                               boolean issuanceWithheld, long owedFromEarlierCyclesT, long deductedT) {
    }

    /** A unit's figures at verification (on the year's data) and at pre-allocation (on base-year data). */
    public record Unit(String unitId, Figures verification, Figures preAllocation) {
    }

    /**
     * @param dataYear      the year of the inputs (the base year for a pre-allocation)
     * @param allowanceT    the unit's allowance, rounded once
     * @param preAllocatedT share × the unrounded allowance, rounded once (pre-allocation only)
     * @param outputBasis   what the electricity benchmark multiplied: NET_SUPPLY (supplyBenchmark × powerSupplyMwh)
     *                      or GROSS_GENERATION (× powerGenerationMwh); supplyBenchmark and supplyPart are on it
     * @param provisionalValues the rulebook's provisional values the figure used; empty: none
     * @param intensityBenchmark a line of an INTENSITY category: the benchmark (tCO2/t) that multiplied its product
     *                      output; null for every other method
     * @param balanceCoefficient with it, the sector balance coefficient: unrounded = output × benchmark × coefficient
     */
    public record Figures(RulebookRef rulebook, int dataYear, Inputs inputs, BigDecimal supplyBenchmark,
                          BigDecimal heatBenchmark, Factor cooling, Factor heatSupply, Factor load, BigDecimal supplyPart,
                          BigDecimal heatPart, BigDecimal unrounded, long allowanceT, BigDecimal preShare,
                          Long preAllocatedT, String outputBasis, List<String> provisionalValues,
                          BigDecimal intensityBenchmark, BigDecimal balanceCoefficient) {
    }

    /**
     * @param powerGenerationMwh gross generation (发电量); null in data imported without it
     * @param productOutputT     product output (t) of a steel, cement or aluminium line; null for power units
     */
    public record Inputs(String category, String cooling, BigDecimal capacityMw, BigDecimal powerSupplyMwh,
                         BigDecimal heatSupplyGj, BigDecimal heatRatio, BigDecimal loadFactor, long verifiedEmissionsT,
                         BigDecimal powerGenerationMwh, BigDecimal productOutputT) {
    }

    public record Factor(BigDecimal value, String basis) {
    }

    public record Instruction(String instructionId, String stage, String kind, String destination, long quantityT,
                              RulebookRef rulebook, String rule, Instant createdAt) {
    }
}
