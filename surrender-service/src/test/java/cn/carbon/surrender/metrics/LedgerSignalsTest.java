package cn.carbon.surrender.metrics;

import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ledger's signals on the real database: the reconciliation, the rulebook's targets and dates, signing failures. */
@QuarkusTest
class LedgerSignalsTest {

    @Test
    void theReconciliationTheTargetsAndTheSigningFailuresAreScraped() {
        // what GET /ledger/reconciliation reports (another test class may have broken an invariant on purpose)
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var report = given().auth().oauth2(Tokens.registry()).get("/api/surrender/ledger/reconciliation")
                    .then().statusCode(200).extract().jsonPath();
            long failed = report.getList("invariants.passed", Boolean.class).stream().filter(p -> !p).count();
            assertThat(scrape()).contains(
                    "carbon_ledger_reconciliation_passed " + (report.getBoolean("passed") ? "1.0" : "0.0"),
                    "carbon_ledger_reconciliation_failed_invariants " + failed + ".0");
        });
        // the rulebook's targets: registered by a measurement once the rulebook arrived on carbon.rulebooks.v1
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(scrape()).contains(
                "carbon_compliance_target_share{cycle=\"2021-2022\",deadline=\"compliance95Percent\"} 0.95",
                "carbon_compliance_target_share{cycle=\"2021-2022\",deadline=\"complianceDeadline\"} 1.0",
                // the end of 2023-11-15 in China (UTC+8)
                "carbon_compliance_target_deadline_seconds{cycle=\"2021-2022\",deadline=\"compliance95Percent\"} 1.700064E9",
                "carbon_signing_failures_total{document=\"certificate\"} 0.0"));
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
