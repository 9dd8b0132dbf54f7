package cn.carbon.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleCyclesTest {

    private final ConsoleCycles cycles = new ConsoleCycles(List.of("2021-2022", " 2023", "2024", ""), "2021-2022");

    @Test
    void theCookieChoosesOnlyAnOfferedCycle() {
        assertThat(cycles.offered()).containsExactly("2021-2022", "2023", "2024");
        assertThat(cycles.chosen("2023")).isEqualTo("2023");
        assertThat(cycles.chosen(null)).isEqualTo("2021-2022");
        assertThat(cycles.chosen("2025")).isEqualTo("2021-2022");
        assertThat(cycles.chosen("../2023")).isEqualTo("2021-2022");
    }

    @Test
    void aCycleHasItsComplianceYears() {
        assertThat(ConsoleCycles.years("2021-2022")).containsExactly("2021", "2022");
        assertThat(ConsoleCycles.years("2023")).containsExactly("2023");
        assertThat(ConsoleCycles.years("2024-2026")).containsExactly("2024", "2025", "2026");
    }

    @Test
    void aSearchTakesTheCycleNamedElseTheOneThatCoversTheYear() {
        assertThat(cycles.forYear("2024", "2021", "2021-2022")).isEqualTo("2024");
        assertThat(cycles.forYear(null, "2022", "2024")).isEqualTo("2021-2022");
        assertThat(cycles.forYear("", " 2023 ", "2021-2022")).isEqualTo("2023");
        assertThat(cycles.forYear("1999", "2031", "2024")).isEqualTo("2024");
        assertThat(cycles.forYear(null, null, "2021-2022")).isEqualTo("2021-2022");
    }

    @Test
    void theStandingCycleMustBeOffered() {
        assertThatThrownBy(() -> new ConsoleCycles(List.of("2023"), "2021-2022"))
                .hasMessageContaining("2021-2022").hasMessageContaining("[2023]");
    }
}
