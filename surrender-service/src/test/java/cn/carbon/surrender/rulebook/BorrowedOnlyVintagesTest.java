package cn.carbon.surrender.rulebook;

import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.ledger.InMemoryLedgerStore;
import cn.carbon.surrender.ledger.Ledger;
import cn.carbon.surrender.settlement.Settlements;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A vintage exists only as borrowed units while every rulebook in force that knows it says so: 2023 with the 2021-2022
 * rulebook alone, no longer once the 2023 rulebook allocates it, whatever the order the rulebooks came in.
 */
class BorrowedOnlyVintagesTest {

    static final Rulebook POWER_2021_2022 = ShippedRulebooks.power2021To2022();
    static final Rulebook POWER_2023 = ShippedRulebooks.rulebooks().stream()
            .filter(r -> r.cycle().equals("2023")).findFirst().orElseThrow();

    @Test
    void withTheFirstCycleAlone2023ExistsOnlyAsBorrowedUnits() {
        assertThat(Rulebooks.of(POWER_2021_2022).vintages()).containsEntry("2023", true).containsEntry("2022", false);
    }

    @Test
    void once2023IsAllocatedItIsFreeInEitherOrder() {
        assertThat(Rulebooks.of(POWER_2021_2022, POWER_2023).vintages()).containsEntry("2023", false)
                .isEqualTo(Rulebooks.of(POWER_2023, POWER_2021_2022).vintages());
        assertThat(Rulebooks.of(POWER_2023).vintages()).containsEntry("2023", false).doesNotContainKey("2024");
    }

    @Test
    void aTradeOfAVintageThatExistsOnlyAsBorrowedUnitsIsRefusedNamingTheVintage() {
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        store.open("A");
        store.open("B");
        Settlements settlements = new Settlements(new Ledger(store), Rulebooks.of(POWER_2021_2022),
                Clock.fixed(Instant.parse("2023-09-01T00:00:00Z"), ZoneOffset.UTC));
        assertThatThrownBy(() -> settlements.settle(new Settlements.Trade("T1", "A", "B", "2023", 1), "exchange"))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.slug()).isEqualTo("restricted-units");
                    assertThat(p.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("vintage"));
                });
        assertThat(store.postings()).isEmpty();
    }
}
