package cn.carbon.contracts.rulebook;

import java.util.Optional;

/**
 * The correction factors of the unit formula (RULES.md §4.3). Any of them may be absent from a rulebook (the heat
 * factor is gone from 2023, RULES-2023-2025.md §3.3): an absent factor is 1 for every unit.
 */
public record Corrections(CoolingCorrection cooling, HeatSupplyCorrection heatSupply,
                          RuleValue<LoadFactorCurve> loadFactor) {

    public Optional<CoolingCorrection> coolingRule() {
        return Optional.ofNullable(cooling);
    }

    public Optional<HeatSupplyCorrection> heatSupplyRule() {
        return Optional.ofNullable(heatSupply);
    }

    public Optional<RuleValue<LoadFactorCurve>> loadFactorRule() {
        return Optional.ofNullable(loadFactor);
    }
}
