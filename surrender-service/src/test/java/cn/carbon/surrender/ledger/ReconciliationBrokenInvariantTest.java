package cn.carbon.surrender.ledger;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation reports a broken invariant: a balance changed behind the ledger's back (as a superuser with the
 * triggers switched off, the only way the schema lets it happen) fails BALANCES_EQUAL_LINES and the per-vintage sum, and
 * the report as a whole. The tampering is undone at the end, so other tests see a sound ledger again.
 */
@QuarkusTest
class ReconciliationBrokenInvariantTest {

    @Inject
    Fixture fixture;
    @Inject
    EntityManager em;

    @Test
    void aBalanceThatNoLineExplainsFailsTheReconciliation() {
        String uscc = fixture.entity("350000");
        fixture.issue(uscc, 2021, "2021", 100);
        long holding = fixture.count("select id from account where kind = 'ENTITY_HOLDING' and uscc = ?1", uscc);
        JsonPath before = report();
        long violationsBefore = violations(before, "BALANCES_EQUAL_LINES");
        long sum2021Before = before.getLong("vintages.find { it.vintage == '2021' }.sumT");

        tamper(holding, 7);
        try {
            JsonPath broken = report();
            assertThat(broken.getBoolean("passed")).isFalse();
            assertThat(broken.getBoolean("invariants.find { it.name == 'BALANCES_EQUAL_LINES' }.passed")).isFalse();
            assertThat(violations(broken, "BALANCES_EQUAL_LINES")).isEqualTo(violationsBefore + 1);
            assertThat(broken.getBoolean("invariants.find { it.name == 'PER_VINTAGE_SUM_ZERO' }.passed")).isFalse();
            assertThat(broken.getLong("vintages.find { it.vintage == '2021' }.sumT")).isEqualTo(sum2021Before + 7);
        } finally {
            tamper(holding, -7);
        }
        JsonPath repaired = report();
        assertThat(violations(repaired, "BALANCES_EQUAL_LINES")).isEqualTo(violationsBefore);
        assertThat(repaired.getLong("vintages.find { it.vintage == '2021' }.sumT")).isEqualTo(sum2021Before);
        assertThat(fixture.held(uscc, "2021")).isEqualTo(100);
    }

    /**
     * Adds {@code tonnes} to the account's 2021 balance with the triggers off (session_replication_role = replica,
     * which only the cluster's superuser may set).
     */
    private void tamper(long account, long tonnes) {
        try (java.sql.Connection c = cn.carbon.testing.PostgresResource.asSuperuser("surrender")) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("set local session_replication_role = replica");
                int rows = s.executeUpdate("update balance set balance_t = balance_t + " + tonnes + " where account_id = "
                        + account + " and vintage = '2021'");
                assertThat(rows).isEqualTo(1);
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath report() {
        return given().auth().oauth2(Tokens.registry()).get(ReconciliationTest.PATH).then().statusCode(200)
                .extract().jsonPath();
    }

    private static long violations(JsonPath report, String invariant) {
        return report.getLong("invariants.find { it.name == '" + invariant + "' }.violations");
    }
}
