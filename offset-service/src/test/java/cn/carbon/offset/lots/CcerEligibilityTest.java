package cn.carbon.offset.lots;

import cn.carbon.offset.lots.CcerEligibility.Reason;
import cn.carbon.offset.rulebook.OffsetRulebook;
import cn.carbon.offset.rulebook.ShippedRulebook;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CcerEligibilityTest {

    private static final Instant SEASON = OffsetDateTime.parse("2023-10-01T10:00:00+08:00").toInstant();
    private final OffsetRulebook rb = ShippedRulebook.get();

    private static CcerEligibility.Lot old(String type) {
        return new CcerEligibility.Lot(type, false, LocalDate.of(2016, 5, 1), false);
    }

    @Test
    void anOldCcerFromOutsideTheCoverageIsEligible() {
        assertThat(CcerEligibility.check(old("WIND"), rb, SEASON, null)).isEmpty();
    }

    @Test
    void aProjectInsideTheNationalEtsCoverageIsNot() {
        var lot = new CcerEligibility.Lot("WIND", true, LocalDate.of(2016, 5, 1), false);
        assertThat(CcerEligibility.check(lot, rb, SEASON, null)).containsExactly(Reason.PROJECT_INSIDE_NATIONAL_ETS_COVERAGE);
        OffsetRulebook noExclusion = ShippedRulebook.withValue(
                "/ccerOffset/excludeProjectsInsideNationalEtsCoverage", false);
        assertThat(CcerEligibility.check(lot, noExclusion, SEASON, null)).isEmpty();
    }

    @Test
    void onlyCcersFiledBeforeTheRulebooksDateAreEligible() {
        assertThat(CcerEligibility.check(new CcerEligibility.Lot("WIND", false, LocalDate.of(2017, 3, 13), false),
                rb, SEASON, null)).isEmpty();
        assertThat(CcerEligibility.check(new CcerEligibility.Lot("WIND", false, LocalDate.of(2017, 3, 14), false),
                rb, SEASON, null)).containsExactly(Reason.FILED_TOO_LATE);
    }

    @Test
    void oldCcersAreUsableUntilTheEndOf2024InShanghai() {
        Instant lastSecond = OffsetDateTime.parse("2024-12-31T23:59:59+08:00").toInstant();
        Instant newYear = OffsetDateTime.parse("2025-01-01T00:00:00+08:00").toInstant();
        assertThat(CcerEligibility.check(old("WIND"), rb, lastSecond, null)).isEmpty();
        assertThat(CcerEligibility.check(old("WIND"), rb, newYear, null)).containsExactly(Reason.NO_LONGER_USABLE);
    }

    @Test
    void excludedProjectTypesComeFromTheRulebook() {
        OffsetRulebook noHydro = ShippedRulebook.withValue("/ccerOffset/excludedProjectTypes",
                java.util.List.of("LARGE_HYDRO"));
        assertThat(CcerEligibility.check(old("LARGE_HYDRO"), noHydro, SEASON, null))
                .containsExactly(Reason.EXCLUDED_PROJECT_TYPE);
        assertThat(CcerEligibility.check(old("WIND"), noHydro, SEASON, null)).isEmpty();
    }

    @Test
    void firstCycleLeftoversOnlyOnApplicationWithEvidence() {
        var leftover = new CcerEligibility.Lot("WIND", false, LocalDate.of(2016, 5, 1), true);
        assertThat(CcerEligibility.check(leftover, rb, SEASON, null)).containsExactly(Reason.FIRST_CYCLE_EVIDENCE_MISSING);
        assertThat(CcerEligibility.check(leftover, rb, SEASON, "  ")).containsExactly(Reason.FIRST_CYCLE_EVIDENCE_MISSING);
        assertThat(CcerEligibility.check(leftover, rb, SEASON, "registry record 2021-0042")).isEmpty();
        OffsetRulebook notThisCycle = ShippedRulebook.withValue(
                "/ccerOffset/firstCycleCancelledUnusedUsable", false);
        assertThat(CcerEligibility.check(leftover, notThisCycle, SEASON, "registry record 2021-0042"))
                .containsExactly(Reason.FIRST_CYCLE_LEFTOVERS_NOT_ALLOWED);
    }

    @Test
    void everyReasonIsReported() {
        var lot = new CcerEligibility.Lot("WIND", true, LocalDate.of(2018, 1, 1), true);
        Instant late = OffsetDateTime.parse("2025-02-01T00:00:00+08:00").toInstant();
        assertThat(CcerEligibility.check(lot, rb, late, null)).containsExactly(Reason.PROJECT_INSIDE_NATIONAL_ETS_COVERAGE,
                Reason.FILED_TOO_LATE, Reason.NO_LONGER_USABLE, Reason.FIRST_CYCLE_EVIDENCE_MISSING);
    }

    @Test
    void newCcerOnlyWhereTheRulebookAcceptsItAndFromItsFirstRegistrationDay() {
        var fresh = new CcerEligibility.Lot("WIND", false, LocalDate.of(2025, 3, 20), false, CcerScheme.NEW_CCER);
        Instant season2024 = OffsetDateTime.parse("2025-04-01T10:00:00+08:00").toInstant();
        assertThat(CcerEligibility.check(fresh, rb, SEASON, null)).containsExactly(Reason.SCHEME_NOT_ACCEPTED);
        OffsetRulebook y2024 = OffsetRulebook.of(cn.carbon.contracts.rulebook.RulebookLoader.fromClasspath(
                cn.carbon.contracts.rulebook.ShippedRulebooks.FOLDER + "CN-ETS-2024.json"));
        // neither the old filing date nor the old expiry applies to new CCER
        assertThat(CcerEligibility.check(fresh, y2024, season2024, null)).isEmpty();
        var early = new CcerEligibility.Lot("WIND", false, LocalDate.of(2023, 10, 19), false, CcerScheme.NEW_CCER);
        assertThat(CcerEligibility.check(early, y2024, season2024, null)).containsExactly(Reason.REGISTERED_TOO_EARLY);
        // the exclusions of the rulebook apply to both schemes
        var covered = new CcerEligibility.Lot("WIND", true, LocalDate.of(2025, 3, 20), false, CcerScheme.NEW_CCER);
        assertThat(CcerEligibility.check(covered, y2024, season2024, null))
                .containsExactly(Reason.PROJECT_INSIDE_NATIONAL_ETS_COVERAGE);
        // and old CCER is past its last day for the 2024 obligation
        assertThat(CcerEligibility.check(old("WIND"), y2024, season2024, null)).containsExactly(Reason.NO_LONGER_USABLE);
    }
}
