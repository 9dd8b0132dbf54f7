package cn.carbon.offset.rest;

import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.carbon.offset.Offsets.applied;
import static cn.carbon.offset.Offsets.approve;
import static cn.carbon.offset.Offsets.entity;
import static cn.carbon.offset.Offsets.line;
import static cn.carbon.offset.Offsets.lot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Every step of the chain, accepted or refused, is in the service's audit trail with who did it. */
@QuarkusTest
class AuditTest {

    static final String VERIFY = "/api/offsets/audit/verification";

    @Inject
    EntityManager em;

    @Test
    void confirmationsAndRefusedConfirmationsAreAudited() {
        String uscc = entity("320000", 1_000_000, 1_000_000);
        String id = applied(uscc, 2021, line(lot(uscc, 100), 100));
        approve(id, "320000");
        given().auth().oauth2(Tokens.token("province.320000.reviewer", "registry", Map.of()))
                .header("X-Request-Id", "refused-" + id).post("/api/offsets/applications/" + id + "/confirm")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.registryApprover()).header("X-Request-Id", "confirm-" + id)
                .post("/api/offsets/applications/" + id + "/confirm").then().statusCode(200);

        assertThat(entry("refused-" + id)).containsExactly("province.320000.reviewer", 403);
        assertThat(entry("confirm-" + id)).containsExactly("registry.approver", 200);
        given().auth().oauth2(Tokens.registry()).get(VERIFY).then().statusCode(200).body("intact", equalTo(true));
        given().auth().oauth2(Tokens.province("320000")).get(VERIFY).then().statusCode(403);
    }

    private Object[] entry(String requestId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select actor, status from audit_entry where request_id = ?1")
                .setParameter(1, requestId).getSingleResult());
        return new Object[]{row[0], ((Number) row[1]).intValue()};
    }
}
