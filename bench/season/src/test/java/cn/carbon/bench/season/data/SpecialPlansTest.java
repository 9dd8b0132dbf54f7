package cn.carbon.bench.season.data;

import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Plan;
import cn.carbon.bench.season.data.DataSet.Year;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12's plans in the data set and the figures the season expects of them, recomputed by hand where small. */
class SpecialPlansTest {

    static final Path RULEBOOK = Path.of("../../contracts/src/main/resources/carbon/rulebooks/CN-ETS-2021-2022-power.json");
    static Rulebook rb;
    static DataSet ds;
    static DataSet small;

    @BeforeAll
    static void generate() throws IOException {
        rb = Rulebook.read(RULEBOOK);
        ds = Generator.generate(rb, 1, 1, "00");
        small = Generator.generate(rb, 1, 0.03, "00");
    }

    @Test
    void everyPathIsThereAtFullAndAtSmallScale() {
        for (DataSet d : List.of(ds, small)) {
            List<Entity> frozen = d.entities.stream().filter(e -> e.frozen).toList();
            assertThat(frozen).hasSize(1);
            Entity f = frozen.get(0);
            assertThat(f.status).isEqualTo("COMPLIANCE_RISK");
            assertThat(f.reasons).contains("JUDICIAL_FREEZE");
            assertThat(f.plan).isEqualTo(Plan.SPECIAL_SHORT);
            assertThat(f.statusAfterPreAllocation).isFalse();
            assertThat(d.entities.stream().filter(e -> e.statusAfterPreAllocation).map(e -> e.status).distinct())
                    .contains("FACILITIES_CLOSED");
            assertThat(retired(d)).isNotEmpty();
            assertThat(d.lateVerificationProvince).isNotNull();
            assertThat(d.entities.stream().filter(e -> e.provinceCode.equals(d.lateVerificationProvince))).isNotEmpty()
                    .noneMatch(SpecialPlans::hasSpecialPath).noneMatch(e -> e.borrower);
            assertThat(Consequences.penaltyCase(d)).isPresent();
        }
        assertThat(ds.entities.stream().filter(e -> e.statusAfterPreAllocation).map(e -> e.status).distinct())
                .containsExactlyInAnyOrder("FACILITIES_CLOSED", "COMPLIANCE_RISK");
        assertThat(retired(ds).size()).isBetween(4, 10);
    }

    @Test
    void theSameSeedChoosesTheSamePaths() {
        DataSet again = Generator.generate(rb, 1, 1, "00");
        assertThat(again.lateVerificationProvince).isEqualTo(ds.lateVerificationProvince);
        assertThat(marks(again)).isEqualTo(marks(ds));
    }

    /** Issue 12 item 1: the final position depends on the status only, not on when it was set. */
    @Test
    void aStatusSetAfterThePreAllocationEndsTheSame() {
        Allocation a = new Allocation(rb);
        List<Entity> late = ds.entities.stream().filter(e -> e.statusAfterPreAllocation).toList();
        assertThat(late).isNotEmpty();
        for (Entity e : late) {
            Map<Integer, List<Long>> after = positions(e);
            e.statusAfterPreAllocation = false;
            a.compute(e);
            assertThat(positions(e)).as(e.uscc).isEqualTo(after);
            e.statusAfterPreAllocation = true;
            a.compute(e);
            for (Year y : e.years.values()) {
                long base = e.units.stream().filter(u -> u.year() == rb.preAllocationBaseYear())
                        .mapToLong(u -> a.preAllocation(y.year, u)).sum();
                assertThat(y.preIssuedT).as("the run in April saw it operating").isEqualTo(base);
                if ("FACILITIES_CLOSED".equals(e.status)) {
                    assertThat(y.accountT).isZero();
                    assertThat(y.custodyT).isEqualTo(y.issuedT);
                } else {
                    assertThat(y.accountT + y.custodyT).isEqualTo(y.issuedT);
                    assertThat(y.accountT).isEqualTo(Math.min(base, y.issuedT));
                }
            }
        }
    }

    /** The rulebook's reading of COMPLIANCE_RISK: pre-allocation kept (shipped), or everything to custody. */
    @Test
    void complianceRiskFollowsTheRulebookSetting() throws IOException {
        assertThat(rb.complianceRiskKeepsPreAllocation()).isTrue();
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Files.readAllBytes(RULEBOOK));
        json.putObject("differentiatedIssuance").putObject("complianceRiskKeepsPreAllocation").put("value", false);
        Rulebook strict = new Rulebook(json);
        assertThat(strict.complianceRiskKeepsPreAllocation()).isFalse();
        Entity e = ds.entities.stream().filter(x -> "COMPLIANCE_RISK".equals(x.status) && !x.frozen
                && x.years.values().stream().allMatch(y -> y.preAllocatedT > 0 && y.custodyT > 0)).findFirst().orElseThrow();
        Map<Integer, List<Long>> kept = positions(e);
        new Allocation(strict).compute(e);
        for (Year y : e.years.values()) {
            assertThat(y.accountT).isZero();
            assertThat(y.custodyT).isEqualTo(y.issuedT).isEqualTo(kept.get(y.year).get(0) + kept.get(y.year).get(1));
        }
        new Allocation(rb).compute(e);
        assertThat(positions(e)).isEqualTo(kept);
    }

    /** Issue 12 item 3: no verified data for 2022, declared without emissions: pre-allocation back, nothing owed. */
    @Test
    void aRetiredUnitsYearIsClawedBackAndOwesNothing() {
        for (Entity e : retired(ds)) {
            Year y = e.years.get(2022);
            assertThat(y.noEmissions).isTrue();
            assertThat(e.years.get(2021).noEmissions).isFalse();
            assertThat(y.preAllocatedT).isPositive().isEqualTo(y.preIssuedT).isEqualTo(y.clawedBackT);
            assertThat(y.emissionsT + y.verifiedT + y.issuedT + y.obligationT + y.accountT + y.custodyT + y.ccerCapT
                    + y.borrowingCeilingT + y.borrowedT + y.offsetT).isZero();
            assertThat(y.expectedStatus).isEqualTo("COMPLIANT");
            assertThat(y.shortfallAtDeadlineT).isZero();
            assertThat(e.provinceCode).isNotEqualTo(ds.lateVerificationProvince);
        }
    }

    /** Issue 12 item 2: a dissolved entity shows no 核定 allocation, no obligation, nothing issued or short. */
    @Test
    void dissolvedMeansNothing() {
        List<Entity> dissolved = ds.entities.stream().filter(e -> "DISSOLVED".equals(e.status)).toList();
        assertThat(dissolved).isNotEmpty();
        for (Entity e : dissolved) {
            assertThat(e.units).isNotEmpty();
            for (Year y : e.years.values()) {
                assertThat(y.verifiedT + y.preIssuedT + y.obligationT + y.shortfallAtDeadlineT).isZero();
                assertThat(Consequences.carryOver(e)).isEmpty();
            }
        }
    }

    /** Until the late province is verified, the ledger holds its pre-allocation and everyone else's final position. */
    @Test
    void issuanceBeforeTheLateVerification() {
        Map<String, Long> before = Consequences.issuedBeforeLateVerification(ds, rb);
        for (int year : rb.years()) {
            String v = rb.allocationVintage(year);
            long difference = ds.entities.stream().filter(e -> e.provinceCode.equals(ds.lateVerificationProvince))
                    .mapToLong(e -> e.years.get(year).accountT + e.years.get(year).custodyT - e.years.get(year).preIssuedT).sum();
            assertThat(ds.issuedByVintage.get(v) - before.get(v)).isEqualTo(difference);
        }
    }

    /** E8 with a frozen account: own vintage first from custody and account together, then the other year's. */
    @Test
    void forcedSurrenderOfAFrozenAccount() {
        Entity e = new Entity();
        e.plan = Plan.SPECIAL_SHORT;
        e.frozen = true;
        e.years.put(2021, year(2021, 100, 30, 50));  // obligation, account, custody
        e.years.put(2022, year(2022, 40, 20, 50));
        Consequences.Forced custodyOnly = Consequences.forced(e, rb, false);
        assertThat(custodyOnly.taken()).isEqualTo(Map.of(2021, Map.of("2021", 50L, "2022", 10L), 2022, Map.of("2022", 40L)));
        assertThat(custodyOnly.shortfall()).isEqualTo(Map.of(2021, 40L, 2022, 0L));
        Consequences.Forced withAccount = Consequences.forced(e, rb, true);
        assertThat(withAccount.taken()).isEqualTo(Map.of(2021, Map.of("2021", 80L, "2022", 20L), 2022, Map.of("2022", 40L)));
        assertThat(withAccount.shortfall()).isEqualTo(Map.of(2021, 0L, 2022, 0L));
        assertThat(withAccount.left()).isEqualTo(Map.of("2021", 0L, "2022", 10L));
        assertThat(Consequences.shortfallAtDeadline(e, rb)).isEqualTo(Map.of(2021, 0L, 2022, 0L));

        Entity f = ds.entities.stream().filter(x -> x.frozen).findFirst().orElseThrow();
        Consequences.Forced real = Consequences.forced(f, rb, true);
        for (Year y : f.years.values()) { // short in both years: each takes all of its own vintage, nothing else
            assertThat(real.taken().get(y.year)).isEqualTo(Map.of(rb.allocationVintage(y.year), y.issuedT));
            assertThat(y.shortfallAtDeadlineT).isEqualTo(y.obligationT - y.issuedT).isPositive();
            assertThat(y.expectedStatus).isEqualTo("OVERDUE");
        }
        assertThat(real.left().values()).containsOnly(0L);
    }

    /** A year is short at the deadline exactly when its status there is OVERDUE; the statement follows 1:1. */
    @Test
    void shortfallsAndTheCarryOverStatement() {
        long lateLines = 0;
        for (Entity e : ds.entities) {
            for (Year y : e.years.values()) {
                assertThat(y.shortfallAtDeadlineT > 0).as(e.uscc + " " + y.year + " " + e.plan)
                        .isEqualTo("OVERDUE".equals(y.expectedAtDeadline));
                assertThat(y.shortfallAtDeadlineT).isBetween(0L, y.obligationT);
            }
            List<Consequences.Line> lines = Consequences.carryOver(e);
            for (Consequences.Line l : lines) {
                Year y = e.years.get(l.complianceYear());
                switch (l.kind()) {
                    case Consequences.BORROWING_REPAYMENT -> assertThat(l.quantityT()).isEqualTo(y.borrowedT);
                    case Consequences.SHORTFALL -> {
                        assertThat(l.quantityT()).isEqualTo(y.shortfallAtDeadlineT);
                        assertThat(l.cancelled()).isEqualTo(e.plan == Plan.LATE);
                        lateLines += l.cancelled() ? 1 : 0;
                    }
                    default -> throw new AssertionError(l);
                }
            }
            if (e.plan == Plan.OVERDUE_NONE) {
                assertThat(Consequences.owedT(e)).isEqualTo(e.obligationTotal());
            }
            if (e.plan == Plan.ON_TIME && !e.borrower) {
                assertThat(lines).isEmpty();
            }
        }
        assertThat(lateLines).isPositive();
        Map<String, Long> planned = ds.borrowings.stream()
                .collect(Collectors.toMap(b -> b.uscc() + " " + b.complianceYear(), DataSet.Borrowing::quantityT));
        Map<String, Long> repaid = ds.entities.stream().flatMap(e -> Consequences.carryOver(e).stream()
                        .filter(l -> l.kind().equals(Consequences.BORROWING_REPAYMENT))
                        .map(l -> Map.entry(e.uscc + " " + l.complianceYear(), l.quantityT())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repaid).isEqualTo(planned);
    }

    /** Issue 12 item 6: the probe is refused for the remaining obligation only (room under the cap, units in the lot). */
    @Test
    void anOffsetBeyondTheRemainingObligation() {
        Consequences.OffsetProbe p = Consequences.offsetBeyondObligation(ds, Generator.SPECIAL_COMPLETION_WEEK).orElseThrow();
        Year y = p.entity().years.get(p.complianceYear());
        assertThat(p.entity().plan).isEqualTo(Plan.ON_TIME);
        assertThat(p.entity().surrenderWeek).isBefore(Generator.SPECIAL_COMPLETION_WEEK);
        assertThat(y.offsetT + 1).isLessThanOrEqualTo(y.ccerCapT);
        DataSet.Lot lot = ds.lots.stream().filter(l -> l.lotId().equals(p.lotId())).findFirst().orElseThrow();
        long used = ds.offsets.stream().flatMap(a -> a.lines().stream()).filter(l -> l.lotId().equals(p.lotId()))
                .mapToLong(DataSet.OffsetLine::quantityT).sum();
        assertThat(lot.uscc()).isEqualTo(p.entity().uscc);
        assertThat(lot.quantityT()).isGreaterThan(used);
    }

    @Test
    void thePenaltyCaseAndTheFineRange() throws IOException {
        Entity e = Consequences.penaltyCase(ds).orElseThrow();
        assertThat(e.plan).isEqualTo(Plan.OVERDUE_NONE);
        assertThat(e.frozen).isFalse();
        Entity ok = Consequences.compliedOnTime(ds).orElseThrow();
        assertThat(ok.years.values()).allMatch(y -> y.shortfallAtDeadlineT == 0 && "COMPLIANT".equals(y.expectedAtDeadline));
        ObjectMapper m = new ObjectMapper();
        for (String penalty : List.of("{\"fineCny\":{\"value\":{\"min\":20000,\"max\":30000}}}",
                "{\"penaltyCase\":{\"fineRangeCny\":[20000,30000]}}", "{\"fine\":{\"minCny\":20000,\"maxCny\":30000}}",
                "{\"correctionDays\":{\"min\":10,\"max\":90},\"fine\":{\"amountCny\":{\"value\":{\"from\":20000,\"to\":30000}}}}",
                "{\"minFineCny\":{\"value\":20000,\"confirmed\":true},\"maxFineCny\":{\"value\":30000}}")) {
            ObjectNode json = (ObjectNode) m.readTree(Files.readAllBytes(RULEBOOK));
            json.set("penalty", m.readTree(penalty));
            long[] range = new Rulebook(json).fineRangeCny().orElseThrow();
            assertThat(range).containsExactly(20_000, 30_000);
            assertThat(Consequences.fineCny(range)).isEqualTo(25_000);
        }
        assertThat(new Rulebook(m.readTree("{\"id\":\"x\",\"penalty\":{\"fineNote\":\"no figures\"}}")).fineRangeCny()).isEmpty();
    }

    private static List<Entity> retired(DataSet d) {
        return d.entities.stream().filter(e -> e.years.values().stream().anyMatch(y -> y.noEmissions)).toList();
    }

    private static Set<String> marks(DataSet d) {
        return d.entities.stream().filter(SpecialPlans::hasSpecialPath)
                .map(e -> e.uscc + (e.frozen ? " frozen" : "") + (e.statusAfterPreAllocation ? " late-status" : ""))
                .collect(Collectors.toSet());
    }

    private static Map<Integer, List<Long>> positions(Entity e) {
        Map<Integer, List<Long>> m = new java.util.TreeMap<>();
        e.years.values().forEach(y -> m.put(y.year, List.of(y.accountT, y.custodyT, y.issuedT, y.obligationT,
                y.preAllocatedT, y.clawedBackT)));
        return m;
    }

    private static Year year(int year, long obligation, long account, long custody) {
        Year y = new Year();
        y.year = year;
        y.obligationT = obligation;
        y.accountT = account;
        y.custodyT = custody;
        y.issuedT = account + custody;
        return y;
    }
}
