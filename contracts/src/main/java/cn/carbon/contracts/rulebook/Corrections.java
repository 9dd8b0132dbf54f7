package cn.carbon.contracts.rulebook;

/** The correction factors of the unit formula (RULES.md §4.3). */
public record Corrections(CoolingCorrection cooling, HeatSupplyCorrection heatSupply,
                          RuleValue<LoadFactorCurve> loadFactor) {
}
