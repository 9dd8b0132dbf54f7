package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.Cooling;

import java.math.BigDecimal;

/**
 * A generating unit's data for one year (the unit import of API.md): the input of the unit formula.
 *
 * @param category            a category code of the rulebook ({@code COAL_ABOVE_300MW}, …, {@code GAS})
 * @param capacityMw          rated capacity; informative (the province assigns the category); may be null
 * @param powerSupplyMwh      electricity supplied Qe (供电量), MWh
 * @param heatSupplyGj        heat supplied Qh, GJ
 * @param heatRatio           heat ratio (供热比) in [0, 1]; 0 for pure-condensing / pure-power units
 * @param loadFactor          load (output) factor F in [0, 1]; needed where the load-factor correction applies
 * @param verifiedEmissionsT  the unit's verified emissions of that year, whole tonnes
 */
public record UnitYearData(String unitId, int year, String category, Cooling cooling, BigDecimal capacityMw,
                           BigDecimal powerSupplyMwh, BigDecimal heatSupplyGj, BigDecimal heatRatio,
                           BigDecimal loadFactor, long verifiedEmissionsT) {
}
