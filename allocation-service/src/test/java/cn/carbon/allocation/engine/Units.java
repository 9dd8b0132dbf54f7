package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.Cooling;

import java.math.BigDecimal;

/** Unit data for tests, from the figures of RULES.md's examples. */
final class Units {

    static final String COAL_A = "COAL_ABOVE_300MW";
    static final String COAL_B = "COAL_300MW_AND_BELOW";
    static final String COAL_C = "COAL_UNCONVENTIONAL";
    static final String GAS = "GAS";

    private Units() {
    }

    static UnitYearData coal(String id, int year, String category, Cooling cooling, String powerMwh, String heatGj,
                             String heatRatio, String loadFactor, long emissionsT) {
        return new UnitYearData(id, year, category, cooling, null, new BigDecimal(powerMwh), new BigDecimal(heatGj),
                new BigDecimal(heatRatio), loadFactor == null ? null : new BigDecimal(loadFactor), emissionsT);
    }

    /** A pure-condensing, water-cooled coal unit. */
    static UnitYearData condensing(String id, int year, String category, String powerMwh, String loadFactor,
                                   long emissionsT) {
        return coal(id, year, category, Cooling.WATER, powerMwh, "0", "0", loadFactor, emissionsT);
    }

    static UnitYearData gas(String id, int year, String powerMwh, String heatGj, String heatRatio, long emissionsT) {
        return new UnitYearData(id, year, GAS, Cooling.WATER, null, new BigDecimal(powerMwh), new BigDecimal(heatGj),
                new BigDecimal(heatRatio), null, emissionsT);
    }
}
