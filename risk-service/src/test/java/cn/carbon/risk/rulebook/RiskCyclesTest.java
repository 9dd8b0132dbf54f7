package cn.carbon.risk.rulebook;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which cycle is in force on a day, and which cycle a feed week or a report week belongs to. */
class RiskCyclesTest {

    static final RiskRulebook C2122 = ShippedRulebook.load();
    static final RiskRulebook C2023 = ShippedRulebook.cycle2023();
    static final RiskRulebook C2024 = ShippedRulebook.cycle2024();

    static String inForce(LocalDate today, RiskRulebook... received) {
        return new RiskCycles(List.of(received)).inForce(today).map(RiskRulebook::cycle).orElse(null);
    }

    @Test
    void theCycleInForceIsTheOneWhoseDeadlineComesNext() {
        assertThat(C2122.cycleDeadline()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(C2023.cycleDeadline()).isEqualTo(LocalDate.of(2024, 12, 31));
        // the day before the first deadline, on it, and after it: in either order of arrival
        for (List<RiskRulebook> received : List.of(List.of(C2122, C2023), List.of(C2023, C2122))) {
            RiskCycles cycles = new RiskCycles(received);
            assertThat(cycles.inForce(LocalDate.of(2023, 12, 30))).get().extracting(RiskRulebook::cycle).isEqualTo("2021-2022");
            assertThat(cycles.inForce(LocalDate.of(2023, 12, 31))).get().extracting(RiskRulebook::cycle).isEqualTo("2021-2022");
            assertThat(cycles.inForce(LocalDate.of(2024, 1, 1))).get().extracting(RiskRulebook::cycle).isEqualTo("2023");
            assertThat(cycles.all()).extracting(RiskRulebook::cycle).containsExactly("2021-2022", "2023");
        }
        assertThat(inForce(LocalDate.of(2025, 6, 1), C2024, C2122, C2023)).isEqualTo("2024");
    }

    @Test
    void afterEveryDeadlineTheLatestCycleStaysInForce() {
        assertThat(inForce(LocalDate.of(2025, 1, 1), C2023, C2122)).isEqualTo("2023");
        assertThat(inForce(LocalDate.of(2030, 1, 1), C2122)).isEqualTo("2021-2022");
    }

    @Test
    void withOneCycleReceivedItIsInForceWhateverTheDay() {
        assertThat(inForce(LocalDate.of(2023, 1, 1), C2023)).isEqualTo("2023");
        assertThat(inForce(LocalDate.of(2024, 6, 1), C2122)).isEqualTo("2021-2022");
    }

    @Test
    void withoutARulebookNoCycleIsInForce() {
        RiskCycles none = new RiskCycles(List.of());
        assertThat(none.inForce(LocalDate.of(2024, 1, 1))).isEmpty();
        assertThat(none.cycle("2023")).isEmpty();
        assertThat(none.ofFeedWeek(LocalDate.of(2024, 12, 2), LocalDate.of(2024, 12, 8))).isEmpty();
    }

    @Test
    void aWeekBelongsToTheCycleWhoseWindowHoldsIt() {
        for (List<RiskRulebook> received : List.of(List.of(C2122, C2023), List.of(C2023, C2122))) {
            RiskCycles cycles = new RiskCycles(received);
            assertThat(cycles.ofFeedWeek(LocalDate.of(2023, 12, 25), LocalDate.of(2023, 12, 31)))
                    .get().extracting(RiskRulebook::cycle).isEqualTo("2021-2022");
            assertThat(cycles.ofFeedWeek(LocalDate.of(2024, 12, 2), LocalDate.of(2024, 12, 8)))
                    .get().extracting(RiskRulebook::cycle).isEqualTo("2023");
            // across the two windows, or in neither: no cycle
            assertThat(cycles.ofFeedWeek(LocalDate.of(2023, 12, 28), LocalDate.of(2024, 1, 3))).isEmpty();
            assertThat(cycles.ofFeedWeek(LocalDate.of(2025, 1, 6), LocalDate.of(2025, 1, 12))).isEmpty();

            assertThat(cycles.ofReportingWeek(LocalDate.of(2023, 12, 4), LocalDate.of(2023, 12, 10)))
                    .get().extracting(RiskRulebook::cycle).isEqualTo("2021-2022");
            assertThat(cycles.ofReportingWeek(LocalDate.of(2024, 12, 2), LocalDate.of(2024, 12, 8)))
                    .get().extracting(RiskRulebook::cycle).isEqualTo("2023");
            assertThat(cycles.ofReportingWeek(LocalDate.of(2024, 6, 3), LocalDate.of(2024, 6, 9))).isEmpty();
            assertThat(cycles.cycle("2023")).get().isSameAs(C2023);
            assertThat(cycles.cycle("2022")).isEmpty();
        }
    }
}
