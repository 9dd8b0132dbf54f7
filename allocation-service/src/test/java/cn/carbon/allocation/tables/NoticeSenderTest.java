package cn.carbon.allocation.tables;

import cn.carbon.allocation.SettableClock;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static cn.carbon.allocation.Fixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Who sends the 履约通知书 (notice §一): the registry for an operating entity, the province for a special one; the
 * entity acknowledges; sending after the issuance deadline needs a lateReason. Provinces 430000 and 500000 belong to
 * this class.
 */
@QuarkusTest
class NoticeSenderTest {

    static final String P = "430000";
    static final String OTHER = "500000";

    @Inject
    SettableClock clock;
    @Inject
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String verified(String province, String statusBeforeRuns) {
        String uscc = entity(province);
        importOk(province, coalRow(uscc, "U1", 2021, 1_000_000, 900_000), coalRow(uscc, "U1", 2022, 1_000_000, 900_000));
        if (statusBeforeRuns != null) {
            status(province, uscc, statusBeforeRuns, List.of("DEBT"));
        }
        run("pre-allocation", province);
        run("verification", province);
        return uscc;
    }

    @Test
    void theRegistrySendsAnOperatingEntitysNoticeAndTheEntityAcknowledgesIt() {
        String a = verified(P, null);
        String notice = BASE + "/cycles/" + CYCLE + "/entities/" + a + "/compliance-notice";
        JsonPath before = given().auth().oauth2(Tokens.entity(a)).accept(ContentType.JSON).get(notice).then()
                .statusCode(200).body("delivery.sender", equalTo("registry")).body("delivery.sentAt", nullValue())
                .extract().jsonPath();
        given().auth().oauth2(Tokens.entity(a)).post(notice + "/acknowledge").then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/notice-not-sent"));

        given().auth().oauth2(Tokens.province(P)).post(notice + "/send").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carbon.example/problems/wrong-sender"))
                .body("detail", containsString("sent by the registry"));
        given().auth().oauth2(Tokens.ministry()).post(notice + "/send").then().statusCode(403);
        given().auth().oauth2(Tokens.entity(a)).post(notice + "/send").then().statusCode(403);
        given().auth().oauth2(Tokens.province(OTHER)).post(notice + "/send").then().statusCode(404);
        assertThat(deliveries(a)).isZero();

        given().auth().oauth2(Tokens.registry()).post(notice + "/send").then().statusCode(200)
                .body("sender", equalTo("registry")).body("sentBy", equalTo("registry.officer"))
                .body("sentAt", equalTo(SettableClock.DEFAULT.toString())).body("late", equalTo(false));
        given().auth().oauth2(Tokens.registry()).post(notice + "/send").then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/notice-already-sent"));

        given().auth().oauth2(Tokens.entity(entity(P))).post(notice + "/acknowledge").then().statusCode(404);
        given().auth().oauth2(Tokens.province(P)).post(notice + "/acknowledge").then().statusCode(403);
        clock.set(Instant.parse("2023-04-03T01:00:00Z"));
        given().auth().oauth2(Tokens.entity(a)).post(notice + "/acknowledge").then().statusCode(200)
                .body("acknowledgedBy", equalTo("entity." + a))
                .body("acknowledgedAt", equalTo("2023-04-03T01:00:00Z"));

        JsonPath after = given().auth().oauth2(Tokens.province(P)).accept(ContentType.JSON).get(notice).then()
                .statusCode(200).extract().jsonPath();
        assertThat(after.getString("delivery.sender")).isEqualTo("registry");
        assertThat(after.getString("delivery.sentAt")).isEqualTo(SettableClock.DEFAULT.toString());
        assertThat(after.getString("delivery.acknowledgedAt")).isEqualTo("2023-04-03T01:00:00Z");
        // the delivery is beside the signed content: the code does not move
        assertThat(after.getString("verificationCode")).isEqualTo(before.getString("verificationCode"));
        Object[] row = (Object[]) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select sender_role, sent_by, late, acknowledged_by from compliance_notice_delivery
                where cycle = ?1 and uscc = ?2""").setParameter(1, CYCLE).setParameter(2, a).getSingleResult());
        assertThat(row).containsExactly("registry", "registry.officer", false, "entity." + a);
    }

    @Test
    void theProvinceSendsASpecialEntitysNoticeLateOnlyWithAReason() {
        String b = verified(OTHER, "COMPLIANCE_RISK");
        String notice = BASE + "/cycles/" + CYCLE + "/entities/" + b + "/compliance-notice";
        given().auth().oauth2(Tokens.registry()).post(notice + "/send").then().statusCode(403)
                .body("type", equalTo("https://carbon.example/problems/wrong-sender"))
                .body("detail", containsString("sent by the province"));

        clock.set(OffsetDateTime.parse("2023-08-12T09:00:00+08:00").toInstant());
        given().auth().oauth2(Tokens.province(OTHER)).post(notice + "/send").then().statusCode(422)
                .body("errors[0].field", equalTo("lateReason"));
        assertThat(deliveries(b)).isZero();
        given().auth().oauth2(Tokens.province(OTHER)).contentType(ContentType.JSON)
                .body(Map.of("lateReason", "court freeze lifted on 08-12")).post(notice + "/send").then()
                .statusCode(200).body("sender", equalTo("province")).body("sentBy", equalTo("province." + OTHER))
                .body("late", equalTo(true)).body("lateReason", equalTo("court freeze lifted on 08-12"));
        given().auth().oauth2(Tokens.registry()).accept(ContentType.JSON).get(notice).then().statusCode(200)
                .body("delivery.sender", equalTo("province")).body("delivery.late", equalTo(true));

        // the province's issuance deadline: its run on time, its only notice late
        JsonPath d = given().auth().oauth2(Tokens.province(OTHER)).queryParam("province", OTHER)
                .get(BASE + "/cycles/" + CYCLE + "/deadlines").then().statusCode(200).extract().jsonPath();
        assertThat(d.getString("deadlines.find { it.key == 'issuanceAndComplianceNotice' }.state"))
                .isEqualTo("DONE_LATE");
        assertThat(d.getString("deadlines.find { it.key == 'issuanceAndComplianceNotice' }.lateReason"))
                .isEqualTo("court freeze lifted on 08-12");

        // an entity registered in the province afterwards, not allocated in this cycle, owes it no notice: the
        // deadline's state does not depend on whether it was registered before or after this read
        entity(OTHER);
        given().auth().oauth2(Tokens.province(OTHER)).queryParam("province", OTHER)
                .get(BASE + "/cycles/" + CYCLE + "/deadlines").then().statusCode(200)
                .body("deadlines.find { it.key == 'issuanceAndComplianceNotice' }.state", equalTo("DONE_LATE"));
    }

    @Test
    void anUnverifiedEntitysNoticeCannotBeSent() {
        String c = entity(P);
        given().auth().oauth2(Tokens.registry()).post(BASE + "/cycles/" + CYCLE + "/entities/" + c
                + "/compliance-notice/send").then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/not-verified"));
        assertThat(deliveries(c)).isZero();
    }

    private long deliveries(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from compliance_notice_delivery where uscc = ?1").setParameter(1, uscc)
                .getSingleResult()).longValue());
    }
}
