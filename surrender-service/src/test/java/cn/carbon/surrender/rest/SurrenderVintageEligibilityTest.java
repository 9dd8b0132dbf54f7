package cn.carbon.surrender.rest;

import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.surrender.rulebook.Rulebooks;
import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A known vintage that the rulebook does not let serve a year is {@code vintage-not-eligible}, naming the line. The
 * shipped rulebook lets every known vintage but the borrowed-only one serve both years, so this test publishes a new
 * version on carbon.rulebooks.v1 in which 2022 cannot serve 2021, as allocation-service would after an upload: the
 * service applies it without a restart, and the check follows the data. Afterwards a further version with the shipped
 * rules is published, so the classes after this one see the shipped rules again.
 */
@QuarkusTest
class SurrenderVintageEligibilityTest {

    @Inject
    Fixture fixture;

    @Inject
    Rulebooks rulebooks;

    @BeforeEach
    void beforeTheDeadlineWithANarrowRulebook() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
        ObjectNode narrow = ShippedRulebooks.tree();
        ArrayNode for2021 = (ArrayNode) narrow.at("/vintages/eligible/2021/value");
        for (int i = for2021.size() - 1; i >= 0; i--) {
            if (for2021.get(i).asText().equals("2022")) {
                for2021.remove(i);
            }
        }
        publish(narrow);
    }

    @AfterEach
    void theShippedRulesAgain() {
        publish(ShippedRulebooks.tree());
    }

    /** Publishes {@code document} as the next version and waits until the ledger applies it. */
    private void publish(ObjectNode document) {
        int next = rulebooks.forYear(2021).orElseThrow().version() + 1;
        document.put("version", next);
        TestEvents.rulebookPublished(document, "registry.test").forEach(e -> KafkaTestClient.send(Topics.RULEBOOKS, e));
        await().atMost(Duration.ofSeconds(30)).until(() -> rulebooks.forYear(2021).orElseThrow().version() == next
                && rulebooks.forYear(2022).orElseThrow().version() == next);
    }

    @Test
    void aVintageThatCannotServeTheYearIsRefusedNamingItsLine() {
        String uscc = fixture.entity("320000");
        fixture.issue(uscc, 2021, "2021", 500);
        fixture.issue(uscc, 2022, "2022", 500);
        fixture.obligation(uscc, 2021, 1000);
        fixture.obligation(uscc, 2022, 1000);
        String before = fixture.footprint(uscc);

        SurrenderProblemsTest.problem(given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                        .body(SurrenderResourceTest.body(uscc, 2021, "2021", 100, "2022", 100))
                        .post(SurrenderProblemsTest.SURRENDERS).then(),
                422, "vintage-not-eligible", "lines[1].vintage")
                .body("detail", containsString("vintage 2022 cannot serve 2021"));
        assertThat(fixture.footprint(uscc)).isEqualTo(before);

        // the same vintage serves its own year
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(SurrenderResourceTest.body(uscc, 2022, "2022", 100)).post(SurrenderProblemsTest.SURRENDERS)
                .then().statusCode(201);
        assertThat(fixture.held(uscc, "2022")).isEqualTo(400);
    }
}
