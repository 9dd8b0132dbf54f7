package cn.carbon.allocation.bench;

import cn.carbon.testing.TestUscc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The national benchmark's data set: 2,257 power entities in 31 provinces with 1-4 units each, their unit data for
 * 2021 and 2022 (the first import header), for 2023 and 2024 (with gross generation, own use 5-8 % above net
 * supply); and for 2024 also 1,500 steel, cement and aluminium entities with 1-2 production lines each.
 *
 * @param entities   {uscc, province} of each power entity
 * @param industrial {uscc, province, sector} of each industrial entity
 */
record NationalDataSet(List<String[]> entities, List<String[]> industrial, int units, String cycle2021To2022,
                       int rows2021To2022, String year2023, int rows2023, String year2024, int rows2024) {

    static final int ENTITIES = 2_257;
    static final int INDUSTRIAL = 1_500;
    private static final String[][] LINES = {{"STEEL", "STEEL_BF_BOF"}, {"CEMENT", "CEMENT_CLINKER"},
            {"ALUMINIUM", "ALUMINIUM_ELECTROLYSIS"}};
    static final String[] PROVINCES = {"110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000",
            "310000", "320000", "330000", "340000", "350000", "360000", "370000", "410000", "420000", "430000", "440000",
            "450000", "460000", "500000", "510000", "520000", "530000", "540000", "610000", "620000", "630000", "640000",
            "650000"};
    static final String HEADER = "uscc,unit_id,year,category,cooling,capacity_mw,power_supply_mwh,heat_supply_gj,"
            + "heat_ratio,load_factor,verified_emissions_t";

    static NationalDataSet generate(long seed) {
        Random random = new Random(seed);
        List<String[]> entities = new ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
            String province = PROVINCES[i % PROVINCES.length];
            entities.add(new String[]{TestUscc.next(province), province});
        }
        StringBuilder two = new StringBuilder(HEADER).append('\n');
        StringBuilder annual = new StringBuilder(HEADER).append(",power_generation_mwh\n");
        StringBuilder next = new StringBuilder(HEADER).append(",power_generation_mwh\n");
        int units = 0;
        int rows = 0;
        int annualRows = 0;
        int nextRows = 0;
        for (String[] e : entities) {
            int n = 1 + random.nextInt(3) + (random.nextInt(5) == 0 ? 1 : 0); // 1-4 units, about 2.2 on average
            for (int u = 1; u <= n; u++) {
                units++;
                String category = pick(random);
                boolean gas = category.equals("GAS");
                boolean chp = random.nextInt(3) == 0;
                int capacity = gas ? 200 + random.nextInt(300) : 135 + random.nextInt(866);
                String cooling = !gas && random.nextInt(4) == 0 ? "AIR" : "WATER";
                double hours = 3_500 + random.nextInt(2_500);
                for (int year = 2021; year <= 2024; year++) {
                    double mwh = Math.round(capacity * hours * (0.93 + 0.1 * random.nextDouble()));
                    double heatRatio = chp ? Math.round(random.nextDouble() * 400) / 1000.0 : 0;
                    double heatGj = chp ? Math.round(mwh * 3.6 * heatRatio / (1 - heatRatio)) : 0;
                    double load = Math.round((0.60 + 0.35 * random.nextDouble()) * 1000) / 1000.0;
                    double intensity = gas ? 0.36 + 0.1 * random.nextDouble() : 0.80 + 0.15 * random.nextDouble();
                    long emissions = Math.round(mwh * intensity + heatGj * (gas ? 0.06 : 0.115));
                    StringBuilder out = year == 2023 ? annual : year == 2024 ? next : two;
                    out.append(e[0]).append(",U").append(u).append(',').append(year).append(',').append(category)
                            .append(',').append(cooling).append(',').append(capacity).append(',')
                            .append((long) mwh).append(',').append((long) heatGj).append(',').append(heatRatio)
                            .append(',').append(gas ? "" : String.valueOf(load)).append(',').append(emissions);
                    if (year >= 2023) {
                        out.append(',').append(Math.round(mwh / (1 - (0.05 + 0.03 * random.nextDouble()))));
                        if (year == 2023) {
                            annualRows++;
                        } else {
                            nextRows++;
                        }
                    } else {
                        rows++;
                    }
                    out.append('\n');
                }
            }
        }
        List<String[]> industrial = new ArrayList<>();
        for (int i = 0; i < INDUSTRIAL; i++) {
            String province = PROVINCES[i % PROVINCES.length];
            String[] line = LINES[random.nextInt(LINES.length)];
            String uscc = TestUscc.next(province);
            industrial.add(new String[]{uscc, province, line[0]});
            for (int l = 1; l <= 1 + random.nextInt(2); l++) {
                long emissions = 200_000 + random.nextInt(4_000_000);
                next.append(uscc).append(",L").append(l).append(",2024,").append(line[1]).append(",,,,,,,")
                        .append(emissions).append(",\n");
                nextRows++;
            }
        }
        return new NationalDataSet(entities, industrial, units, two.toString(), rows, annual.toString(), annualRows,
                next.toString(), nextRows);
    }

    private static String pick(Random random) {
        int p = random.nextInt(100);
        return p < 55 ? "COAL_ABOVE_300MW" : p < 80 ? "COAL_300MW_AND_BELOW" : p < 88 ? "COAL_UNCONVENTIONAL" : "GAS";
    }
}
