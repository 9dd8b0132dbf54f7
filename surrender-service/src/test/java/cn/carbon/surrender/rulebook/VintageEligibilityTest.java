package cn.carbon.surrender.rulebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notice §四 and RULES.md §5.2, read from the module's rulebook file. */
class VintageEligibilityTest {

    static final Rulebook RULEBOOK = RulebookLoader.load("classpath:rulebook/2021-2022.json");

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

    @Test
    void aRulebookThatListsAnUnknownEligibleVintageIsRefused() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(java.util.Map.of(
                "rulebookId", "x", "version", 1, "cycle", "2021-2022", "timeZone", "Asia/Shanghai",
                "complianceYears", java.util.List.of(2021),
                "vintages", java.util.Map.of("known", java.util.List.of("2021"), "allocation", java.util.Map.of("2021", "2021"),
                        "eligible", java.util.Map.of("2021", java.util.List.of("2021", "2030")), "borrowedOnly", java.util.List.of()),
                "deadlines", java.util.Map.of("complianceDeadline", "2023-12-31")));
        assertThatThrownBy(() -> RulebookLoader.parse(root, "test")).hasMessageContaining("2030");
    }
}
