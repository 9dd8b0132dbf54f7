package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.Cooling;

import cn.carbon.contracts.rulebook.OutputBasis;

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
 * @param powerGenerationMwh  gross generation Qg (发电量), MWh: what the benchmark multiplies from 2023
 *                            (RULES-2023-2025.md §1 D1); null where the data predates it
 * @param productOutputT      product output (crude steel, clinker, aluminium liquid), t: what the intensity benchmark
 *                            of a steel, cement or aluminium line multiplies from 2025 (RULES-2023-2025.md §6.3); null
 *                            for a power unit and in data imported without it
 */
public record UnitYearData(String unitId, int year, String category, Cooling cooling, BigDecimal capacityMw,
                           BigDecimal powerSupplyMwh, BigDecimal heatSupplyGj, BigDecimal heatRatio,
                           BigDecimal loadFactor, long verifiedEmissionsT, BigDecimal powerGenerationMwh,
                           BigDecimal productOutputT) {

    /** Data without product output (power units; every import before the intensity method). */
    public UnitYearData(String unitId, int year, String category, Cooling cooling, BigDecimal capacityMw,
                        BigDecimal powerSupplyMwh, BigDecimal heatSupplyGj, BigDecimal heatRatio,
                        BigDecimal loadFactor, long verifiedEmissionsT, BigDecimal powerGenerationMwh) {
        this(unitId, year, category, cooling, capacityMw, powerSupplyMwh, heatSupplyGj, heatRatio, loadFactor,
                verifiedEmissionsT, powerGenerationMwh, null);
    }

    /** Data without gross generation (2021-2022 imports). */
    public UnitYearData(String unitId, int year, String category, Cooling cooling, BigDecimal capacityMw,
                        BigDecimal powerSupplyMwh, BigDecimal heatSupplyGj, BigDecimal heatRatio,
                        BigDecimal loadFactor, long verifiedEmissionsT) {
        this(unitId, year, category, cooling, capacityMw, powerSupplyMwh, heatSupplyGj, heatRatio, loadFactor,
                verifiedEmissionsT, null);
    }

    /** The electricity the benchmark multiplies under {@code basis}; null when the data lacks it. */
    public BigDecimal electricityMwh(OutputBasis basis) {
        return switch (basis) {
            case NET_SUPPLY -> powerSupplyMwh;
            case GROSS_GENERATION -> powerGenerationMwh;
        };
    }
}
