package cn.carbon.bench.season.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator's own checks: identifiers, shares, determinism, a market that clears, the rules' worked examples. */
class GeneratorTest {

    static Rulebook rb;
    static DataSet ds;

    @BeforeAll
    static void generate() throws IOException {
        rb = Rulebook.read(Path.of("../../contracts/src/main/resources/carbon/rulebooks/CN-ETS-2021-2022-power.json"));
        ds = Generator.generate(rb, 1, 1, "00");
    }

    @Test
    void nationalShape() {
        assertThat(ds.entities).hasSize(2_257);
        assertThat(ds.entities.stream().map(e -> e.provinceCode).distinct()).hasSize(31);
        long units = ds.units().stream().map(u -> u.uscc() + u.unitId()).distinct().count();
        assertThat(units).isBetween(4_500L, 5_800L);
        assertThat(ds.units().stream().map(DataSet.Unit::category).distinct()).containsExactlyInAnyOrder(
                "COAL_ABOVE_300MW", "COAL_300MW_AND_BELOW", "COAL_UNCONVENTIONAL", "GAS");
        for (String status : List.of("DISSOLVED", "FACILITIES_CLOSED", "COMPLIANCE_RISK")) {
            long n = ds.entities.stream().filter(e -> e.status.equals(status)).count();
            assertThat(n).as(status).isBetween(20L, 90L); // a few per cent each
        }
        assertThat(ds.lots).isNotEmpty();
        assertThat(ds.borrowings).isNotEmpty();
        assertThat(ds.trades).isNotEmpty();
        assertThat(ds.feeds).isNotEmpty();
    }

    @Test
    void everyUsccIsValidUniqueAndInItsProvince() {
        Set<String> seen = new HashSet<>();
        for (DataSet.Entity e : ds.entities) {
            assertThat(Uscc.isValid(e.uscc)).as(e.uscc).isTrue();
            assertThat(seen.add(e.uscc)).as("unique " + e.uscc).isTrue();
            assertThat(e.uscc.substring(2, 4)).isEqualTo(e.provinceCode.substring(0, 2));
        }
        String one = ds.entities.get(0).uscc;
        char last = one.charAt(17);
        assertThat(Uscc.isValid(one.substring(0, 17) + (last == '0' ? '1' : '0'))).isFalse();
        assertThat(Uscc.isValid(one.substring(0, 16) + (one.charAt(16) == '0' ? '1' : '0') + last)).isFalse();
    }

    @Test
    void sameSeedSameDataSetAndTheRunTagOnlyRenames() {
        DataSet again = Generator.generate(rb, 1, 1, "00");
        assertThat(DataSetFiles.summary(again)).isEqualTo(DataSetFiles.summary(ds));
        DataSet other = Generator.generate(rb, 1, 1, "K7");
        assertThat(other.entities.get(100).uscc).isNotEqualTo(ds.entities.get(100).uscc);
        assertThat(other.entities.get(100).years.get(2022).issuedT).isEqualTo(ds.entities.get(100).years.get(2022).issuedT);
        assertThatThrownBy(() -> Generator.generate(rb, 1, 1, "IO")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scaleTenGivesTenTimesTheEntities() {
        assertThat(Provinces.apportion(22_570)).matches(c -> java.util.Arrays.stream(c).sum() == 22_570);
        assertThat(Provinces.apportion(226)).matches(c -> java.util.Arrays.stream(c).sum() == 226 && java.util.Arrays.stream(c).min().getAsInt() >= 1);
    }

    @Test
    void unitRowsAreTheImportHeaderAndEachYearHasAUnit() {
        assertThat(DataSet.Unit.HEADER).isEqualTo("uscc,unit_id,year,category,cooling,capacity_mw,power_supply_mwh,"
                + "heat_supply_gj,heat_ratio,load_factor,verified_emissions_t");
        for (DataSet.Entity e : ds.entities) {
            assertThat(e.units.stream().filter(u -> u.year() == 2021)).as(e.uscc).isNotEmpty();
            // the retired units of issue 12: no 2022 rows, a year the province declares without emissions
            assertThat(e.units.stream().filter(u -> u.year() == 2022).findAny().isEmpty())
                    .as(e.uscc).isEqualTo(e.years.get(2022).noEmissions);
            for (DataSet.Unit u : e.units) {
                assertThat(u.csv().split(",")).hasSize(11);
                assertThat(u.heatRatio()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                assertThat(u.loadFactor()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
            }
        }
    }

    /** Every purchase is covered by sellers who keep enough for their own obligations; holdings never go negative. */
    @Test
    void theMarketClears() {
        Map<String, Long> bought = new HashMap<>();
        Map<String, Long> sold = new HashMap<>();
        for (DataSet.Trade t : ds.trades) {
            assertThat(t.quantityT()).isPositive();
            assertThat(t.sellerUscc()).isNotEqualTo(t.buyerUscc());
            bought.merge(t.buyerUscc(), t.quantityT(), Long::sum);
            sold.merge(t.sellerUscc(), t.quantityT(), Long::sum);
        }
        for (DataSet.Entity e : ds.entities) {
            long deficit = e.deficitT();
            long in = bought.getOrDefault(e.uscc, 0L);
            long out = sold.getOrDefault(e.uscc, 0L);
            assertThat(in == 0 || out == 0).as("buys or sells " + e.uscc).isTrue();
            if (e.plan == DataSet.Plan.ON_TIME || e.plan == DataSet.Plan.LATE || e.plan == DataSet.Plan.SPECIAL_COMPLETE) {
                assertThat(in - out).as(e.uscc + " covers its deficit").isGreaterThanOrEqualTo(deficit);
            }
            if (out > 0) {
                assertThat(out).as(e.uscc + " keeps its obligation").isLessThanOrEqualTo(-deficit);
            }
        }
    }

    @Test
    void offsetsStayUnderTheCapAndBorrowingUnderTheCeiling() {
        for (DataSet.Entity e : ds.entities) {
            for (DataSet.Year y : e.years.values()) {
                assertThat(y.offsetT).isLessThanOrEqualTo(y.ccerCapT);
                assertThat(y.borrowedT).isLessThanOrEqualTo(y.borrowingCeilingT);
                if (y.borrowedT > 0) {
                    assertThat(e.status).isEqualTo("OPERATING");
                    assertThat(y.gapT * 10).isGreaterThanOrEqualTo(y.emissionsT); // gap rate >= 10 %
                }
            }
        }
        Map<String, Long> lotQuantity = new HashMap<>();
        ds.lots.forEach(l -> lotQuantity.put(l.lotId(), l.quantityT()));
        Map<String, Long> used = new HashMap<>();
        ds.offsets.forEach(a -> a.lines().forEach(l -> used.merge(l.lotId(), l.quantityT(), Long::sum)));
        used.forEach((lot, q) -> assertThat(q).isLessThanOrEqualTo(lotQuantity.get(lot)));
    }

    @Test
    void dissolvedEntitiesGetNothingAndOweNothing() {
        long dissolved = 0;
        for (DataSet.Entity e : ds.entities) {
            if (e.status.equals("DISSOLVED")) {
                dissolved++;
                for (DataSet.Year y : e.years.values()) {
                    assertThat(y.exempt).isTrue();
                    assertThat(y.issuedT + y.obligationT + y.preAllocatedT + y.accountT + y.custodyT).isZero();
                }
            }
        }
        assertThat(dissolved).isPositive();
        long issued = ds.entities.stream().flatMap(e -> e.years.values().stream()).mapToLong(y -> y.accountT + y.custodyT).sum();
        assertThat(ds.issuedByVintage.get("2021") + ds.issuedByVintage.get("2022")).isEqualTo(issued);
    }

    @Test
    void expectedStatusesFollowThePlans() {
        for (DataSet.Entity e : ds.entities) {
            for (DataSet.Year y : e.years.values()) {
                switch (e.plan) {
                    case DISSOLVED -> assertThat(y.expectedStatus).isEqualTo("EXEMPT");
                    case ON_TIME, SPECIAL_COMPLETE -> assertThat(y.expectedStatus).isEqualTo("COMPLIANT");
                    case LATE -> assertThat(y.expectedStatus).isEqualTo(e.lateYears.contains(y.year) ? "COMPLIANT_LATE" : "COMPLIANT");
                    case OVERDUE_NONE -> assertThat(y.expectedStatus).isEqualTo("OVERDUE");
                    default -> assertThat(y.expectedStatus).isIn("COMPLIANT", "OVERDUE");
                }
            }
        }
        assertThat(ds.entities.stream().filter(e -> e.plan == DataSet.Plan.OVERDUE_PARTIAL)
                .flatMap(e -> e.years.values().stream()).filter(y -> y.expectedStatus.equals("OVERDUE"))).isNotEmpty();
    }

    /** RULES.md §12 E1, E2 and E4, recomputed by the season's own reading of the rules. */
    @Test
    void workedExamples() {
        Allocation a = new Allocation(rb);
        DataSet.Unit e1 = unit("COAL_ABOVE_300MW", "WATER", 2021, "3000000", "0", "0", "0.72");
        assertThat(a.allowance(2021, e1)).isEqualTo(2_524_835);
        assertThat(a.allowance(2022, e1)).isEqualTo(2_512_239);
        DataSet.Unit e2 = unit("COAL_300MW_AND_BELOW", "AIR", 2021, "1000000", "5000000", "0.30", "0.80");
        assertThat(a.allowance(2021, e2)).isEqualTo(1_421_891);
        DataSet.Unit e4base = unit("COAL_ABOVE_300MW", "WATER", 2021, "2800000", "0", "0", "0.78");
        assertThat(a.preAllocation(2022, e4base)).isEqualTo(1_619_039);
        DataSet.Unit e4 = unit("COAL_ABOVE_300MW", "WATER", 2022, "3100000", "0", "0", "0.83");
        assertThat(a.allowance(2022, e4)).isEqualTo(2_541_968);
    }

    /**
     * RULES.md §12 E6, with the example's own figures (copied here as literals): E = 1,000,000 t; 核定 = 650,000 t
     * &lt; 800,000 t, so issued = 800,000 t (+150,000 t floor relief); remaining gap 200,000 t (20 %); borrowing
     * ceiling 100,000 t; CCER cap 50,000 t. The unit is sized so that its 核定 is E6's 650,000 t: 790,947 MWh ×
     * 0.8218 t/MWh (COAL_ABOVE_300MW, water-cooled, pure condensing, load 0.90 so Ff = 1) = 650,000.2 → 650,000.
     */
    @Test
    void workedExampleE6FloorReliefGapBorrowingAndCcerCap() {
        DataSet.Entity e = new DataSet.Entity();
        e.uscc = "91320000MA0000033F";
        e.status = "OPERATING";
        for (int year : new int[]{2021, 2022}) {
            DataSet.Unit u = unit("COAL_ABOVE_300MW", "WATER", year, "790947", "0", "0", "0.90");
            e.units.add(new DataSet.Unit(u.uscc(), "G1", year, u.category(), u.cooling(), u.capacityMw(),
                    u.powerSupplyMwh(), u.heatSupplyGj(), u.heatRatio(), u.loadFactor(), 1_000_000));
        }
        new Allocation(rb).compute(e);
        DataSet.Year y = e.years.get(2021);
        assertThat(y.emissionsT).isEqualTo(1_000_000);
        assertThat(y.verifiedT).as("核定").isEqualTo(650_000);
        assertThat(y.issuedT).as("lifted to 80 % of emissions").isEqualTo(800_000);
        assertThat(y.floorReliefT).isEqualTo(150_000);
        assertThat(y.gapT).as("20 % of emissions").isEqualTo(200_000);
        assertThat(y.borrowingCeilingT).isEqualTo(100_000);
        assertThat(y.ccerCapT).isEqualTo(50_000);
        assertThat(y.obligationT).isEqualTo(1_000_000);
        // what is left to buy when both are used in full: 50,000 t
        assertThat(y.gapT - y.borrowingCeilingT - y.ccerCapT).isEqualTo(50_000);
    }

    private static DataSet.Unit unit(String category, String cooling, int year, String qe, String qh, String hr, String lf) {
        return new DataSet.Unit("91320000MA0000033F", "G1", year, category, cooling, new BigDecimal("600"),
                new BigDecimal(qe), new BigDecimal(qh), new BigDecimal(hr), new BigDecimal(lf), 0);
    }
}
