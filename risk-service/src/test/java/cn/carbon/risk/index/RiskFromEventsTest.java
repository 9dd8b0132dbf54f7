package cn.carbon.risk.index;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.RiskAlertEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.risk.Inputs;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Inputs arrive as events; the index is recomputed on each, stored with its factors; a rise to HIGH or CRITICAL raises
 * one alert per year, published through the outbox, and nothing more while the level holds or falls.
 */
@QuarkusTest
class RiskFromEventsTest {

    static String level(String uscc, int year) {
        List<Object[]> r = Inputs.rows("select level, risk_index from risk_state where uscc = ?1 and compliance_year = ?2",
                uscc, year);
        return r.isEmpty() ? null : (String) r.get(0)[0];
    }

    static long cycleGap(String uscc) {
        return Inputs.count("select coalesce(max(cycle_gap_t), -1) from risk_state where uscc = ?1", uscc);
    }

    static long alerts(String uscc) {
        return Inputs.count("select count(*) from risk_alert where uscc = ?1", uscc);
    }

    @Test
    void aRiseRaisesOneAlertPerYearAndNoRepeatsWhileTheLevelHolds() {
        String uscc = TestUscc.next("320000");
        Inputs.entity(uscc, "320000", "OPERATING");
        // topics are not ordered with each other: the allowances are in the account before the obligations arrive
        Inputs.holdings(uscc, "320000", 1_000_000, 1_000_000);
        Inputs.awaitCount("select count(*) from holding_balance where uscc = ?1", 2, uscc);
        Inputs.obligation(uscc, "320000", 2021, 1_000_000);
        Inputs.obligation(uscc, "320000", 2022, 1_000_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> "LOW".equals(level(uscc, 2021)) && "LOW".equals(level(uscc, 2022))
                && cycleGap(uscc) == 0);
        assertThat(alerts(uscc)).isZero();

        // holdings fall: 200,000 t to buy in 27 days with no purchases → HIGH for both years, one alert each
        Inputs.holdings(uscc, "320000", 900_000, 900_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> "HIGH".equals(level(uscc, 2021)) && "HIGH".equals(level(uscc, 2022)));
        assertThat(cycleGap(uscc)).isEqualTo(200_000);
        assertThat(alerts(uscc)).isEqualTo(2);

        // the level holds through further changes: no new alert
        Inputs.holdings(uscc, "320000", 899_000, 900_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> cycleGap(uscc) == 201_000);
        Inputs.offset(uscc, "320000", 2021, 50_000);    // confirmed, not yet credited: it still lowers the gap
        await().atMost(Duration.ofSeconds(30)).until(() -> cycleGap(uscc) == 151_000);
        assertThat(level(uscc, 2021)).isEqualTo("HIGH");
        assertThat(alerts(uscc)).isEqualTo(2);

        // a fall raises nothing; a new rise after it raises again
        Inputs.holdings(uscc, "320000", 1_000_000, 1_000_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> cycleGap(uscc) == 0 && "LOW".equals(level(uscc, 2021)));
        assertThat(alerts(uscc)).isEqualTo(2);
        Inputs.holdings(uscc, "320000", 950_000, 950_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> cycleGap(uscc) == 50_000 && "HIGH".equals(level(uscc, 2021))
                && "HIGH".equals(level(uscc, 2022)));
        assertThat(alerts(uscc)).isEqualTo(4);

        // every stored value carries its factors
        assertThat(Inputs.count("select count(*) from risk_value where uscc = ?1 and jsonb_array_length(factors) = 5",
                uscc)).isEqualTo(Inputs.count("select count(*) from risk_value where uscc = ?1", uscc)).isGreaterThanOrEqualTo(10);

        // the alerts went out on carbon.risk-alerts.v1
        // the four stored alerts awaited on the topic, then a quiet period in which a fifth (a duplicate) would show
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        KafkaTestClient.readUntil(Topics.RISK_ALERTS, Duration.ofSeconds(60),
                r -> uscc.equals(r.key()) && seen.incrementAndGet() == 4);
        List<ConsumerRecord<String, String>> published = KafkaTestClient.readAll(Topics.RISK_ALERTS, Duration.ofSeconds(4))
                .stream().filter(r -> uscc.equals(r.key())).toList();
        assertThat(published).hasSize(4);
        EventEnvelope first = KafkaTestClient.envelope(published.get(0));
        assertThat(first.type()).isEqualTo(RiskAlertEvent.RAISED);
        assertThat(first.data().get("level").asText()).isEqualTo("HIGH");
        assertThat(first.data().get("previousLevel").asText()).isEqualTo("LOW");
        assertThat(first.data().get("provinceCode").asText()).isEqualTo("320000");
        assertThat(first.data().get("factors").get("remainingGap").asDouble()).isEqualTo(1.0);

        // both years compliant: settled, LOW
        Inputs.compliance(uscc, "320000", Inputs.CYCLE, 2021, 1_000_000, 1_000_000, "COMPLIANT", 0);
        Inputs.compliance(uscc, "320000", Inputs.CYCLE, 2022, 1_000_000, 1_000_000, "COMPLIANT", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> "LOW".equals(level(uscc, 2021)) && "LOW".equals(level(uscc, 2022)));

        given().auth().oauth2(Tokens.province("320000")).get("/api/risk/entities/" + uscc + "?cycle=2021-2022")
                .then().statusCode(200)
                .body("index", equalTo(0))
                .body("level", equalTo("LOW"))
                .body("years", hasSize(2))
                .body("years[0].override", equalTo("settled: COMPLIANT"))
                .body("years[0].factors", hasSize(5))
                .body("years[0].factors[0].name", equalTo("remainingGap"))
                .body("years[0].factors[0].weight", equalTo(0.3f))
                .body("years[0].history.size()", greaterThanOrEqualTo(4))
                .body("years[0].history[1].level", equalTo("HIGH"))
                .body("weights.purchasePace", equalTo(0.4f))
                .body("asOf", equalTo("2023-12-04"));
    }

    @Test
    void specialStatusAndPastShortfallsAreFactorsOfTheirOwn() {
        String uscc = TestUscc.next("320000");
        Inputs.entity(uscc, "320000", "COMPLIANCE_RISK");
        Inputs.compliance(uscc, "320000", "2019-2020", 2020, 500_000, 450_000, "OVERDUE", 50_000);
        Inputs.obligation(uscc, "320000", 2021, 1_000_000);
        Inputs.holdings(uscc, "320000", 1_000_000, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.count(
                "select count(*) from risk_state where uscc = ?1 and risk_index = 15", uscc) == 1);
        given().auth().oauth2(Tokens.registry()).get("/api/risk/entities/" + uscc).then().statusCode(200)
                .body("index", equalTo(15))
                .body("level", equalTo("LOW"))
                .body("complianceYear", equalTo(2021))
                .body("factors.find { it.name == 'specialStatus' }.score", equalTo(1.0f))
                .body("factors.find { it.name == 'pastShortfalls' }.value", equalTo(1.0f))
                .body("factors.find { it.name == 'remainingGap' }.score", equalTo(0.0f))
                .body("factors.find { it.name == 'specialStatus' }.explanation", notNullValue());
    }
}
