package cn.carbon.surrender.rulebook;

import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.surrender.support.Fixture;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Vintage 2023 stays borrowed-only (the 2021-2022 rulebook's borrowed units) whichever rulebook arrives last: a new
 * version of the 2023 rulebook, which allocates 2023 as its own vintage, after the 2021-2022 one, and a new version of
 * the 2021-2022 rulebook after the 2023 one.
 */
@QuarkusTest
class VintageRestrictionOrderTest {

    @Inject
    Fixture fixture;

    @Inject
    Rulebooks rulebooks;

    @Test
    void theBorrowedOnlyVintageStaysRestrictedInEitherOrder() {
        assertThat(restricted2023()).isTrue();
        publish(ShippedRulebooks.tree(ShippedRulebooks.FOLDER + "CN-ETS-2023-power.json"), 2023);
        assertThat(restricted2023()).as("2023's rulebook last").isTrue();
        publish(ShippedRulebooks.tree(), 2021);
        assertThat(restricted2023()).as("2021-2022's rulebook last").isTrue();
        assertThat(rulebooks.vintages()).containsEntry("2023", true).containsEntry("2022", false);
    }

    private boolean restricted2023() {
        return fixture.count("select count(*) from vintage where code = '2023' and borrowed_only") == 1;
    }

    /** Publishes {@code document} as the next version of its rulebook and waits until the ledger applies it. */
    private void publish(ObjectNode document, int year) {
        int next = rulebooks.forYear(year).orElseThrow().version() + 1;
        document.put("version", next);
        TestEvents.rulebookPublished(document, "registry.test").forEach(e -> KafkaTestClient.send(Topics.RULEBOOKS, e));
        await().atMost(Duration.ofSeconds(30)).until(() -> rulebooks.forYear(year).orElseThrow().version() == next);
    }
}
