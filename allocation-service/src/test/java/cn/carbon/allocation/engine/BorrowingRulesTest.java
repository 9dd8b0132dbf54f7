package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.GapRateDenominator;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.condensing;
import static org.assertj.core.api.Assertions.assertThat;

/** Borrowing (预支) eligibility and ceiling (RULES.md §3 K17–K18, §4.8, §13.5; notice §一, §三). */
class BorrowingRulesTest {

    private final Rulebook rb = ShippedRulebooks.power2021To2022();

    private BorrowingAssessment assess(Rulebook rulebook, EntityStatus status, long emissions, long issued,
                                       Instant at) {
        return BorrowingRules.assess(rulebook, "E", 2021, status, emissions, issued, Math.max(0, emissions - issued), at);
    }

    @Test
    void gapRateOfExactlyTenPercentIsEligible() {
        BorrowingAssessment a = assess(rb, EntityStatus.OPERATING, 1_000_000, 900_000, null);
        assertThat(a.gapRate()).isEqualByComparingTo("0.1");
        assertThat(a.eligible()).isTrue();
        assertThat(a.reasons()).isEmpty();
        assertThat(a.ceilingT()).isEqualTo(50_000L);
        assertThat(a.allows(50_000)).isTrue();
        assertThat(a.allows(50_001)).isFalse();
        assertThat(a.allows(0)).isFalse();
    }

    @Test
    void gapRateJustBelowTenPercentIsNotEligible() {
        BorrowingAssessment a = assess(rb, EntityStatus.OPERATING, 1_000_000, 900_001, null);
        assertThat(a.gapT()).isEqualTo(99_999L);
        assertThat(a.eligible()).isFalse();
        assertThat(a.ceilingT()).isZero();
        assertThat(a.reasons()).singleElement().asString()
                .contains("below the threshold").contains("borrowing.gapRateThreshold");
    }

    @Test
    void theBoundaryThroughTheWholeVerification() {
        // 1,095,157 MWh × 0.8218 = 899,999.92 → 900,000; E = 1,000,000: gap 100,000 = 10 %
        EntityYearAllocation at = new AllocationEngine(rb).verify("E", EntityStatus.OPERATING, 2021,
                List.of(condensing("U", 2021, COAL_A, "1095157", "0.9", 1_000_000)), 0);
        assertThat(at.gapT()).isEqualTo(100_000L);
        assertThat(at.borrowing().eligible()).isTrue();
        assertThat(at.borrowing().ceilingT()).isEqualTo(50_000L);
        // 1,095,158 MWh → 900,000.84 → 900,001: gap 99,999 < 10 %
        EntityYearAllocation below = new AllocationEngine(rb).verify("E", EntityStatus.OPERATING, 2021,
                List.of(condensing("U", 2021, COAL_A, "1095158", "0.9", 1_000_000)), 0);
        assertThat(below.gapT()).isEqualTo(99_999L);
        assertThat(below.borrowing().eligible()).isFalse();
        assertThat(below.residualGapAfterMaxBorrowingAndCcerT()).isEqualTo(49_999L); // 99,999 − 0 − 50,000
    }

    @ParameterizedTest
    @EnumSource(value = EntityStatus.class, names = {"FACILITIES_CLOSED", "COMPLIANCE_RISK", "DISSOLVED"})
    void specialSituationEntitiesCannotBorrow(EntityStatus status) {
        BorrowingAssessment a = assess(rb, status, 1_000_000, 800_000, null);
        assertThat(a.eligible()).isFalse();
        assertThat(a.ceilingT()).isZero();
        assertThat(a.reasons()).anySatisfy(r -> assertThat(r).contains("notice §一").contains(status.name()));
    }

    @Test
    void applicationsAreCheckedAgainstTheDeadlineInShanghaiTime() {
        Instant lastSecond = OffsetDateTime.parse("2023-08-04T23:59:59+08:00").toInstant();
        Instant nextDay = OffsetDateTime.parse("2023-08-05T00:00:00+08:00").toInstant();
        Instant stillAug4InUtc = Instant.parse("2023-08-04T16:30:00Z"); // 00:30 on 08-05 in Shanghai
        assertThat(assess(rb, EntityStatus.OPERATING, 1_000_000, 800_000, lastSecond).eligible()).isTrue();
        assertThat(assess(rb, EntityStatus.OPERATING, 1_000_000, 800_000, nextDay).eligible()).isFalse();
        BorrowingAssessment late = assess(rb, EntityStatus.OPERATING, 1_000_000, 800_000, stillAug4InUtc);
        assertThat(late.eligible()).isFalse();
        assertThat(late.reasons()).singleElement().asString()
                .contains("2023-08-04").contains("Asia/Shanghai").contains("deadlines.borrowingApplication");
    }

    @Test
    void gapRateDenominatorSetting() {
        // E 1,000,000, issued 905,000, gap 95,000: 9.5 % of emissions, 10.497 % of the allocation
        assertThat(assess(rb, EntityStatus.OPERATING, 1_000_000, 905_000, null).eligible()).isFalse();
        Rulebook overAllocation = ShippedRulebooks.withSetting("gapRateDenominator", "ISSUED_ALLOCATION");
        BorrowingAssessment a = assess(overAllocation, EntityStatus.OPERATING, 1_000_000, 905_000, null);
        assertThat(a.denominator()).isEqualTo(GapRateDenominator.ISSUED_ALLOCATION);
        assertThat(a.denominatorT()).isEqualTo(905_000L);
        assertThat(a.eligible()).isTrue();
        assertThat(a.ceilingT()).isEqualTo(47_500L);
    }

    @Test
    void noGapNoBorrowing() {
        BorrowingAssessment a = assess(rb, EntityStatus.OPERATING, 1_000_000, 1_200_000, null);
        assertThat(a.eligible()).isFalse();
        assertThat(a.reasons()).singleElement().asString().contains("no gap");
    }

    @Test
    void engineChecksTheCurrentStatusAndDate() {
        AllocationEngine engine = new AllocationEngine(rb);
        EntityYearAllocation y = engine.verify("E", EntityStatus.OPERATING, 2021,
                List.of(condensing("U", 2021, COAL_A, "1034315", "0.9", 1_000_000)), 0);
        Instant onTime = OffsetDateTime.parse("2023-08-01T10:00:00+08:00").toInstant();
        assertThat(engine.assessBorrowing(y, onTime).ceilingT()).isEqualTo(75_000L);
        assertThat(engine.assessBorrowing(y, EntityStatus.COMPLIANCE_RISK, onTime).eligible()).isFalse();
    }
}
