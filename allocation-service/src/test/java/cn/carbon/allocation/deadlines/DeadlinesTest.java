package cn.carbon.allocation.deadlines;

import cn.carbon.allocation.SettableClock;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.awaitJob;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.csv;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.importUnits;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The allocation-stage deadlines of the rulebook bite: after its deadline a run, an import or a table submission needs
 * a lateReason (422 naming it, nothing started) and is recorded as late; the deadlines view shows each state.
 * Provinces 330000 and 310000 belong to this class.
 */
@QuarkusTest
class DeadlinesTest {

    static final String P = "330000";
    static final String OTHER = "310000";

    @Inject
    SettableClock clock;
    @Inject
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    void set(String shanghai) {
        clock.set(java.time.OffsetDateTime.parse(shanghai + "+08:00").toInstant());
    }

    @Test
    void aLateRunNeedsAReasonAndIsRecordedLateForTheProvince() {
        String uscc = entity(P);
        importOk(P, coalRow(uscc, "U1", 2021, 1_000_000, 900_000), coalRow(uscc, "U1", 2022, 1_000_000, 900_000));
        JsonPath before = deadlines(Tokens.province(P), P);
        assertThat(before.getList("deadlines.key")).containsExactly("preAllocationSubmission",
                "verificationCompletion", "allocationTablesSubmission", "issuanceAndComplianceNotice");
        assertThat(state(before, "preAllocationSubmission")).isEqualTo("OPEN");
        assertThat(state(before, "verificationCompletion")).isEqualTo("DONE_ON_TIME"); // the import of 04-01

        set("2023-05-02T10:00:00");
        assertThat(state(deadlines(Tokens.registry(), P), "preAllocationSubmission")).isEqualTo("OVERDUE");
        long jobsBefore = count("select count(*) from allocation_job where province_code = ?1", P);
        given().auth().oauth2(Tokens.province(P)).post(BASE + "/cycles/" + CYCLE + "/pre-allocation")
                .then().log().ifValidationFails().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://carbon.example/problems/deadline-passed"))
                .body("errors[0].field", equalTo("lateReason"))
                .body("detail", org.hamcrest.Matchers.containsString("2023-04-30"));
        assertThat(count("select count(*) from allocation_job where province_code = ?1", P)).isEqualTo(jobsBefore);
        assertThat(count("select count(*) from stage_action where province_code = ?1 and action = 'PRE_ALLOCATION_RUN'",
                P)).isZero();

        String id = given().auth().oauth2(Tokens.province(P)).contentType(ContentType.JSON)
                .body(Map.of("lateReason", "verified data arrived on 05-01"))
                .post(BASE + "/cycles/" + CYCLE + "/pre-allocation").then().statusCode(202).extract().path("id");
        awaitJob(Tokens.province(P), id);
        JsonPath after = deadlines(Tokens.ministry(), P);
        assertThat(state(after, "preAllocationSubmission")).isEqualTo("DONE_LATE");
        assertThat(after.getString("deadlines.find { it.key == 'preAllocationSubmission' }.lateReason"))
                .isEqualTo("verified data arrived on 05-01");
        assertThat(after.getString("deadlines.find { it.key == 'preAllocationSubmission' }.doneBy"))
                .isEqualTo("province." + P);
        assertThat(Instant.parse(after.getString("deadlines.find { it.key == 'preAllocationSubmission' }.doneAt")))
                .isEqualTo(Instant.parse("2023-05-02T02:00:00Z"));
        Object[] row = (Object[]) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select reference, deadline_key, cast(deadline_date as text), late, late_reason, done_by from stage_action
                where province_code = ?1 and action = 'PRE_ALLOCATION_RUN'""").setParameter(1, P).getSingleResult());
        assertThat(row).containsExactly("job:" + id, "preAllocationSubmission", "2023-04-30", true,
                "verified data arrived on 05-01", "province." + P);

        // the verification run's deadline is the issuance (2023-08-11): on time on 05-02, no reason needed
        String v = given().auth().oauth2(Tokens.province(P)).post(BASE + "/cycles/" + CYCLE + "/verification")
                .then().statusCode(202).extract().path("id");
        awaitJob(Tokens.province(P), v);
        JsonPath issuance = deadlines(Tokens.province(P), P);
        // the run is done, the entity's notice is not sent: still open
        assertThat(state(issuance, "issuanceAndComplianceNotice")).isEqualTo("OPEN");
        assertThat(issuance.getList("deadlines.find { it.key == 'issuanceAndComplianceNotice' }.actions.action"))
                .containsExactly("VERIFICATION_RUN");
        set("2023-08-12T00:00:00");
        assertThat(state(deadlines(Tokens.province(P), P), "issuanceAndComplianceNotice")).isEqualTo("OVERDUE");
    }

    @Test
    void theProvinceSubmitsItsTablesLateOnlyWithAReason() {
        set("2023-08-04T23:59:00");
        submit(Tokens.province(P), P, null).then().statusCode(201).body("late", equalTo(false))
                .body("deadline", equalTo("allocationTablesSubmission")).body("provinceCode", equalTo(P))
                .body("tables", hasItem("机组核定配额明细表 unit-allowances"))
                .body("tables", hasItem("核定配额实际发放汇总表 issuance-summary"));
        assertThat(state(deadlines(Tokens.province(P), P), "allocationTablesSubmission")).isEqualTo("DONE_ON_TIME");

        set("2023-08-05T00:00:00");
        submit(Tokens.province(OTHER), OTHER, null).then().statusCode(422)
                .body("errors[0].field", equalTo("lateReason"));
        assertThat(count("select count(*) from stage_action where province_code = ?1 and action = 'TABLES_SUBMISSION'",
                OTHER)).isZero();
        assertThat(state(deadlines(Tokens.province(OTHER), OTHER), "allocationTablesSubmission")).isEqualTo("OVERDUE");
        // the registry submits on the province's behalf, the reason in the query
        given().auth().oauth2(Tokens.registry()).queryParam("province", OTHER)
                .queryParam("lateReason", "platform outage on 08-04")
                .post(BASE + "/cycles/" + CYCLE + "/table-submissions").then().statusCode(201)
                .body("late", equalTo(true)).body("lateReason", equalTo("platform outage on 08-04"))
                .body("submittedBy", equalTo("registry.officer"));
        JsonPath other = deadlines(Tokens.province(OTHER), OTHER);
        assertThat(state(other, "allocationTablesSubmission")).isEqualTo("DONE_LATE");
        assertThat(other.getString("deadlines.find { it.key == 'allocationTablesSubmission' }.lateReason"))
                .isEqualTo("platform outage on 08-04");
        // the other province's deadlines did not move
        assertThat(state(deadlines(Tokens.province(P), P), "allocationTablesSubmission")).isEqualTo("DONE_ON_TIME");
    }

    @Test
    void anImportAfterTheVerificationDeadlineNeedsAReason() {
        String uscc = entity(OTHER);
        set("2023-07-01T08:00:00");
        String rows = csv(coalRow(uscc, "U1", 2021, 500_000, 400_000));
        importUnits(Tokens.province(OTHER), rows).then().statusCode(422).body("errors[0].field", equalTo("lateReason"));
        assertThat(count("select count(*) from unit_year_data where uscc = ?1", uscc)).isZero();
        given().auth().oauth2(Tokens.province(OTHER)).contentType("text/csv").body(rows)
                .queryParam("lateReason", "verifier's report of 06-29 corrected")
                .post(BASE + "/cycles/" + CYCLE + "/units:import").then().statusCode(200).body("inserted", equalTo(1));
        JsonPath d = deadlines(Tokens.province(OTHER), OTHER);
        assertThat(state(d, "verificationCompletion")).isEqualTo("DONE_LATE");
        assertThat(d.getString("deadlines.find { it.key == 'verificationCompletion' }.lateReason"))
                .isEqualTo("verifier's report of 06-29 corrected");
    }

    @Test
    void theDeadlinesAreScopedLikeTheOtherProvinceReads() {
        String path = BASE + "/cycles/" + CYCLE + "/deadlines";
        given().auth().oauth2(Tokens.province(OTHER)).queryParam("province", P).get(path).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(entity(P))).queryParam("province", P).get(path).then().statusCode(403);
        given().auth().oauth2(Tokens.exchange()).queryParam("province", P).get(path).then().statusCode(403);
        given().auth().oauth2(Tokens.registry()).get(path).then().statusCode(400)
                .body("errors[0].field", equalTo("province"));
        given().get(path).then().statusCode(401);
        submit(Tokens.province(OTHER), P, null).then().statusCode(404);
        submit(Tokens.ministry(), P, null).then().statusCode(403);
        submit(Tokens.province(P), P, "{\"lateReason\": 7}").then().statusCode(400)
                .body("errors[0].field", equalTo("lateReason"));
    }

    private static Response submit(String token, String province, String body) {
        var req = given().auth().oauth2(token).queryParam("province", province);
        if (body != null) {
            req = req.contentType(ContentType.JSON).body(body);
        }
        return req.post(BASE + "/cycles/" + CYCLE + "/table-submissions");
    }

    static JsonPath deadlines(String token, String province) {
        return given().auth().oauth2(token).queryParam("province", province)
                .get(BASE + "/cycles/" + CYCLE + "/deadlines").then().statusCode(200).extract().jsonPath();
    }

    static String state(JsonPath d, String key) {
        return d.getString("deadlines.find { it.key == '" + key + "' }.state");
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }
}
