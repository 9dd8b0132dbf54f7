package cn.carbon.allocation.rulebook;

/** The correction factors of the unit formula (RULES.md §4.3). */
public record Corrections(CoolingCorrection cooling, HeatSupplyCorrection heatSupply,
                          RuleValue<LoadFactorCurve> loadFactor) {
}
