package cn.carbon.surrender.rulebook;

import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notice §四 and RULES.md §5.2, from the shipped rulebook as the ledger sees it. */
class VintageEligibilityTest {

    static final Rulebook RULEBOOK = Rulebook.of(ShippedRulebooks.power2021To2022());

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
            "2019-2020, 2021, ELIGIBLE",
            "2021,      2021, ELIGIBLE",
            "2022,      2021, ELIGIBLE",
            "2019-2020, 2022, ELIGIBLE",
            "2021,      2022, ELIGIBLE",
            "2022,      2022, ELIGIBLE",
            "2023,      2021, BORROWED_ONLY",
            "2023,      2022, BORROWED_ONLY",
            "2024,      2021, UNKNOWN_VINTAGE",
            "2018,      2022, UNKNOWN_VINTAGE",
            "2021,      2023, NOT_ELIGIBLE",
            "2023,      2020, NOT_ELIGIBLE",
    })
    void eligibility(String vintage, int year, VintageEligibility expected) {
        assertThat(VintageEligibility.of(RULEBOOK, year, vintage)).isEqualTo(expected);
    }

    @Test
    void aMissingVintageIsUnknown() {
        assertThat(VintageEligibility.of(RULEBOOK, 2021, null)).isEqualTo(VintageEligibility.UNKNOWN_VINTAGE);
    }

    @Test
    void theRulebookCarriesItsDeadlinesAndProvenance() {
        assertThat(RULEBOOK.rulebookId()).isEqualTo("CN-ETS-2021-2022-power");
        assertThat(RULEBOOK.version()).isEqualTo(1);
        assertThat(RULEBOOK.ownVintage()).containsEntry(2021, "2021").containsEntry(2022, "2022");
        // "by 2023-12-31" ends at midnight in Beijing
        assertThat(RULEBOOK.complianceDeadline()).isEqualTo(Instant.parse("2023-12-31T16:00:00Z"));
        assertThat(RULEBOOK.targets()).extracting(Rulebook.Target::shareOfEntities).containsExactly(0.95, 1.0);
    }

}
