package cn.carbon.allocation.audit;

import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AuditTrailTest {

    static final String VERIFY = "/api/allocation/audit/verification";

    @Inject
    EntityManager em;

    @Test
    void everyCommandIsChainedAndTamperingIsFound() throws Exception {
        String uscc = TestUscc.next("320000");
        given().auth().oauth2(Tokens.province("320000")).header("X-Request-Id", "audit-" + uscc).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Audited", "provinceCode", "320000")).post("/api/allocation/entities")
                .then().statusCode(201);
        // a refused command is audited too
        given().auth().oauth2(Tokens.province("320000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", "bad", "name", "x", "provinceCode", "320000")).post("/api/allocation/entities")
                .then().statusCode(400);

        Object[] entry = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select seq, actor, scope, status, method from audit_entry where request_id = ?1")
                .setParameter(1, "audit-" + uscc).getSingleResult());
        assertThat(entry[1]).isEqualTo("province.320000");
        assertThat(entry[2]).isEqualTo("province_code=320000");
        assertThat(((Number) entry[3]).intValue()).isEqualTo(201);
        assertThat(entry[4]).isEqualTo("POST");

        given().auth().oauth2(Tokens.registry()).get(VERIFY).then().statusCode(200)
                .body("intact", equalTo(true)).body("firstBrokenSeq", nullValue());

        long seq = ((Number) entry[0]).longValue();
        asOwner("update audit_entry set status = 200 where seq = " + seq);
        try {
            given().auth().oauth2(Tokens.registry()).get(VERIFY).then().statusCode(200)
                    .body("intact", equalTo(false)).body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            asOwner("update audit_entry set status = 201 where seq = " + seq);
        }
        given().auth().oauth2(Tokens.registry()).get(VERIFY).then().body("intact", equalTo(true));
    }

    /** The owner role may write the table (the service's runtime role may not): what an intruder with it could do. */
    private static void asOwner(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = cn.carbon.testing.PostgresResource.asOwner("allocation");
             java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Someone who may write the table, not holding the key, rewrites the newest entry and recomputes its hash. */
    @Test
    void aRewriteWithoutTheChainKeyIsFound() throws Exception {
        String uscc = TestUscc.next("650000");
        given().auth().oauth2(Tokens.province("650000")).header("X-Request-Id", "audit-key-" + uscc).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Keyed", "provinceCode", "650000")).post("/api/allocation/entities")
                .then().statusCode(201);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select seq, recorded_at, actor, roles, scope, request_id, method, path, detail, prev_hash, entry_hash "
                                + "from audit_entry where request_id = ?1")
                .setParameter(1, "audit-key-" + uscc).getSingleResult());
        long seq = ((Number) row[0]).longValue();
        java.time.Instant at = row[1] instanceof java.time.OffsetDateTime o ? o.toInstant() : (java.time.Instant) row[1];
        // the chain as it was before the key: SHA-256 of the entry's fields, the status changed to a refusal
        String canonical = String.join("\u001f", (String) row[9], Long.toString(seq), at.toString(), (String) row[2],
                (String) row[3], (String) row[4], String.valueOf(row[5]), (String) row[6], (String) row[7], "403",
                String.valueOf(row[8]));
        String forged = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String original = (String) row[10];
        asOwner("update audit_entry set status = 403, entry_hash = '" + forged + "', chain = 'sha256' where seq = " + seq);
        try {
            given().auth().oauth2(Tokens.registry()).get(VERIFY).then().statusCode(200)
                    .body("intact", equalTo(false)).body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            asOwner("update audit_entry set status = 201, entry_hash = '" + original + "', chain = 'hmac-sha256' where seq = "
                    + seq);
        }
        given().auth().oauth2(Tokens.registry()).get(VERIFY).then().body("intact", equalTo(true));
    }

    @Test
    void onlyTheRegistryVerifies() {
        given().auth().oauth2(Tokens.province("320000")).get(VERIFY).then().statusCode(403);
        given().auth().oauth2(Tokens.ministry()).get(VERIFY).then().statusCode(403);
        given().get(VERIFY).then().statusCode(401);
    }
}
