package cn.carbon.bench.season.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The season's reading of the 2023 and 2024 rulebooks (docs/RULES-2023-2025.md §9's worked examples, recomputed
 * here from the shipped files), and the next years it generates: who takes part, the bridge, the new sectors.
 */
class NextYearsTest {

    static final String DIR = "../../contracts/src/main/resources/carbon/rulebooks/";
    static Rulebook y2023;
    static Rulebook y2024;
    static DataSet ds;
    static NextYears next;

    @BeforeAll
    static void generate() throws IOException {
        y2023 = Rulebook.read(Path.of(DIR + "CN-ETS-2023-power.json"));
        y2024 = Rulebook.read(Path.of(DIR + "CN-ETS-2024.json"));
        ds = Generator.generate(Rulebook.read(Path.of(DIR + "CN-ETS-2021-2022-power.json")), 1, 1, "00");
        next = NextYears.generate(ds, y2023, y2024);
    }

    private static DataSet.Unit coal(int year, String generation, String supply, long emissions) {
        return new DataSet.Unit("F", "U1", year, "COAL_300MW_AND_BELOW", "WATER", new BigDecimal("300"),
                new BigDecimal(supply), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.90"), emissions,
                new BigDecimal(generation));
    }

    @Test
    void f1_grossGenerationTimesTheGenerationBenchmarkWithoutAnyFactor() {
        // 1,000,000 MWh generated (940,000 supplied) × 0.8049 = 804,900 t; cooling and load factor would change it
        assertThat(new Allocation(y2024).allowance(2024, coal(2024, "1000000", "940000", 850_000))).isEqualTo(804_900L);
    }

    @Test
    void f3_theFloorRaisesTheEntityTo80PercentOfItsEmissions() {
        DataSet.Entity e = new DataSet.Entity();
        e.uscc = "F3";
        e.units.add(coal(2023, "876754", "830000", 1_000_000));
        new Allocation(y2023).compute(e);
        DataSet.Year y = e.years.get(2023);
        assertThat(y.verifiedT).isEqualTo(700_000L);
        assertThat(y.floorReliefT).isEqualTo(100_000L);
        assertThat(y.issuedT).isEqualTo(800_000L);
        assertThat(y.preAllocatedT).as("no pre-allocation in 2023").isZero();
        assertThat(y.borrowingCeilingT).as("borrowing abolished").isZero();
        assertThat(y.ccerCapT).isEqualTo(50_000L);
    }

    @Test
    void aSteelLineIsAllocatedItsVerifiedEmissions() {
        DataSet.Entity e = new DataSet.Entity();
        e.uscc = "S";
        e.units.add(new DataSet.Unit("S", "L1", 2024, "STEEL_BF_BOF", null, null, null, null, null, null, 3_200_000));
        new Allocation(y2024).compute(e);
        assertThat(e.years.get(2024).issuedT).isEqualTo(3_200_000L);
        assertThat(e.years.get(2024).obligationT).isEqualTo(3_200_000L);
        assertThat(e.units.get(0).csvWithGeneration()).isEqualTo("S,L1,2024,STEEL_BF_BOF,,,,,,,3200000,");
    }

    @Test
    void onlyEntitiesStillOperatingTakeTheAnnualYearWithGrossGenerationAboveSupply() {
        assertThat(next.power).isNotEmpty();
        assertThat(next.power.size()).isLessThan(ds.entities.size());
        for (NextYears.AnnualYear a : next.power) {
            assertThat(ds.entity(a.entity().uscc).status).isEqualTo("OPERATING");
            for (DataSet.Unit u : a.units()) {
                assertThat(u.year()).isEqualTo(2023);
                assertThat(u.powerGenerationMwh()).isGreaterThan(u.powerSupplyMwh());
            }
            assertThat(a.figures().issuedT).isGreaterThanOrEqualTo(a.netIssuedT());
        }
    }

    @Test
    void theBridgeDeductsWhat2021To2022LeftOwedUpToTheAllocation() {
        long owing = next.power.stream().filter(a -> a.owedT() > 0).count();
        assertThat(owing).as("borrowers and overdue entities owe").isGreaterThan(10);
        for (NextYears.AnnualYear a : next.power) {
            assertThat(a.owedT()).isEqualTo(Consequences.owedT(ds.entity(a.entity().uscc)));
            assertThat(a.deductedT()).isEqualTo(Math.min(a.owedT(), a.figures().issuedT));
            assertThat(a.netIssuedT()).isEqualTo(a.figures().issuedT - a.deductedT());
        }
        long issued = next.power.stream().mapToLong(NextYears.AnnualYear::netIssuedT).sum();
        assertThat(next.powerIssuance()).containsEntry("2023", issued);
    }

    @Test
    void aFewHundredIndustrialEntitiesWithValidIdentifiersInTheThreeSectors() {
        assertThat(next.industry).hasSize(300);
        Set<String> seen = new HashSet<>();
        ds.entities.forEach(e -> seen.add(e.uscc));
        for (NextYears.AnnualYear a : next.industry) {
            assertThat(Uscc.isValid(a.entity().uscc)).isTrue();
            assertThat(seen.add(a.entity().uscc)).as("unique " + a.entity().uscc).isTrue();
            assertThat(a.entity().sector).isIn("STEEL", "CEMENT", "ALUMINIUM");
            assertThat(a.figures().issuedT).isEqualTo(a.units().stream()
                    .mapToLong(DataSet.Unit::verifiedEmissionsT).sum());
        }
    }

    @Test
    void theCarryOverCapIsTenThousandTonnesAndOneAndAHalfTimesNetSales() {
        assertThat(next.carryOverCapT(-50_000)).isEqualTo(10_000L);
        assertThat(next.carryOverCapT(0)).isEqualTo(10_000L);
        assertThat(next.carryOverCapT(200_001)).isEqualTo(310_001L); // 10,000 + 300,001.5, rounded down
    }

    @Test
    void theSameDataSetGivesTheSameNextYears() {
        NextYears again = NextYears.generate(ds, y2023, y2024);
        assertThat(again.powerIssuance()).isEqualTo(next.powerIssuance());
        assertThat(again.industryIssuance()).isEqualTo(next.industryIssuance());
    }
}
