package cn.carbon.surrender.audit;

import cn.carbon.platform.audit.AuditTrail;
import cn.carbon.testing.PostgresResource;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail nobody can rewrite: the service's runtime role may not update or delete it, and whoever may (the
 * owner role) cannot cut its newest entries unseen, since the chain's head is anchored on Kafka.
 */
@QuarkusTest
class AuditAnchorTest {

    static final String AUDIT = "/api/surrender/audit";

    @Inject
    AuditTrail trail;
    @Inject
    EntityManager em;

    @Test
    void cuttingTheNewestEntriesAsTheOwnerFailsVerificationAgainstTheAnchor() throws Exception {
        for (int i = 0; i < 3; i++) {
            trail.append(new AuditTrail.Entry("registry.test", "registry", "national", "anchor-" + i, "POST",
                    "api/surrender/test", 201, null));
        }
        long anchored = given().auth().oauth2(Tokens.registry()).post(AUDIT + "/anchors").then().statusCode(200)
                .extract().jsonPath().getLong("lastSeq");
        // the anchor travels through the outbox to Kafka; the anchoring command is itself audited after it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath v = verification();
            assertThat(v.getString("anchor.status")).isEqualTo("MATCHES");
            assertThat(v.getLong("anchor.seq")).isEqualTo(anchored);
            assertThat(v.getBoolean("intact")).isTrue();
            assertThat(v.getLong("entries")).isGreaterThan(anchored);
        });

        try (Connection owner = PostgresResource.asOwner("surrender"); Statement s = owner.createStatement()) {
            // the owner may delete rows: the newest entries, the anchored one among them, go
            s.execute("create temporary table cut as select * from audit_entry where seq >= " + (anchored - 1));
            s.executeUpdate("delete from audit_entry where seq >= " + (anchored - 1));
            try {
                JsonPath v = verification();
                assertThat(v.getBoolean("intact")).isFalse();
                assertThat(v.getString("anchor.status")).isEqualTo("CHAIN_SHORTER");
                assertThat(v.getLong("firstBrokenSeq")).isEqualTo(anchored - 1);
                assertThat(v.getString("reason")).contains("before the anchored entry " + anchored)
                        .contains("carbon.audit-anchors.v1 partition");
                // what remains chains perfectly: without the anchor the cut would not show
                assertThat(trail.verify(java.util.Optional.empty()).intact()).isTrue();
            } finally {
                s.executeUpdate("insert into audit_entry select * from cut");
            }
        }
        assertThat(verification().getBoolean("intact")).isTrue();
    }

    @Test
    void theRuntimeRoleMayReadAndAppendTheTrailButNeverChangeIt() {
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select current_user")
                .getSingleResult())).isEqualTo(PostgresResource.RUNTIME);
        for (String sql : new String[] {"update audit_entry set status = 200 where seq = (select max(seq) from audit_entry)",
                "delete from audit_entry where seq = (select max(seq) from audit_entry)", "truncate audit_entry",
                "update ledger_transaction set posted_by = 'x'", "delete from ledger_line"}) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate()))
                    .as(sql).hasStackTraceContaining("permission denied");
        }
        long before = trail.head().seq();
        trail.append(new AuditTrail.Entry("registry.test", "registry", "national", "runtime-append", "POST",
                "api/surrender/test", 201, null));
        assertThat(trail.head().seq()).isGreaterThan(before);
    }

    @Test
    void onlyTheRegistryAnchors() {
        given().auth().oauth2(Tokens.province("320000")).post(AUDIT + "/anchors").then().statusCode(403);
        given().post(AUDIT + "/anchors").then().statusCode(401);
    }

    private static JsonPath verification() {
        return given().auth().oauth2(Tokens.registry()).get(AUDIT + "/verification").then().statusCode(200)
                .extract().jsonPath();
    }
}
