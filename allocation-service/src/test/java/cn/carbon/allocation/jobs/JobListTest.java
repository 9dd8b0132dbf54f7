package cn.carbon.allocation.jobs;

import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static cn.carbon.allocation.Fixtures.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * {@code GET /jobs}: the runs newest first, paged; a province sees the runs limited to it and nothing else (another
 * province named is 404), the registry every run. The runs are rows of a cycle no other test uses.
 */
@QuarkusTest
class JobListTest {

    static final String CYCLE = "2097-2098";
    static final String PROVINCE = "130000";

    @Inject
    EntityManager em;

    UUID oldest;
    UUID middle;
    UUID newest;
    UUID national;

    @BeforeEach
    void fourRuns() {
        sql("delete from allocation_job where cycle = ?1", CYCLE);
        oldest = insert(PROVINCE, "SUCCEEDED", 3, "[]");
        middle = insert(PROVINCE, "COMPLETED_WITH_ERRORS", 2, "[{\"uscc\":\"91130000MA0000001X\",\"message\":\"m\"}]");
        newest = insert(PROVINCE, "RUNNING", 1, "[]");
        national = insert(null, "SUCCEEDED", 0, "[]");
    }

    @Test
    void aProvinceListsItsOwnRunsNewestFirstPageByPage() {
        JsonPath first = list(Tokens.province(PROVINCE), "?cycle=" + CYCLE + "&size=2", 200);
        assertThat(first.getList("items.id")).containsExactly(newest.toString(), middle.toString());
        assertThat(first.getLong("total")).isEqualTo(3);
        assertThat(first.getInt("items[1].errorCount")).isEqualTo(1);
        assertThat(first.getString("items[1].status")).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(first.getMap("items[1]")).doesNotContainKey("errors");
        assertThat(first.getDouble("items[0].progress")).isEqualTo(0.5);
        JsonPath second = list(Tokens.province(PROVINCE), "?cycle=" + CYCLE + "&size=2&page=1", 200);
        assertThat(second.getList("items.id")).containsExactly(oldest.toString());
    }

    @Test
    void anotherProvinceSeesNoneOfThemAndCannotAskForThem() {
        assertThat(list(Tokens.province("140000"), "?cycle=" + CYCLE, 200).getList("items")).isEmpty();
        given().auth().oauth2(Tokens.province("140000")).get(BASE + "/jobs?province=" + PROVINCE).then().statusCode(404);
        given().auth().oauth2(Tokens.entity("91130000MA0000001X")).get(BASE + "/jobs").then().statusCode(403);
    }

    @Test
    void theRegistrySeesEveryRunAndFiltersByProvince() {
        assertThat(list(Tokens.registry(), "?cycle=" + CYCLE, 200).getList("items.id"))
                .containsExactly(national.toString(), newest.toString(), middle.toString(), oldest.toString());
        assertThat(list(Tokens.ministry(), "?cycle=" + CYCLE + "&province=" + PROVINCE, 200).getList("items.id"))
                .containsExactly(newest.toString(), middle.toString(), oldest.toString());
    }

    @Test
    void aPageSizeOutOfBoundsIsRefusedByName() {
        given().auth().oauth2(Tokens.registry()).get(BASE + "/jobs?size=0").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("size"));
    }

    private static JsonPath list(String token, String query, int status) {
        return given().auth().oauth2(token).get(BASE + "/jobs" + query).then().statusCode(status).extract().jsonPath();
    }

    private UUID insert(String province, String status, int minutesAgo, String errors) {
        UUID id = UUID.randomUUID();
        sql("insert into allocation_job (id, kind, cycle, province_code, status, rulebook_id, rulebook_version, total, "
                + "done, errors, requested_by, requested_at) values (?1, 'VERIFICATION', ?2, ?3, ?4, "
                + "'CN-ETS-2021-2022-power', 1, 10, 5, cast(?5 as jsonb), 'registry.officer', "
                + "now() - make_interval(mins => ?6))", id, CYCLE, province, status, errors, minutesAgo);
        return id;
    }

    private void sql(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }
}
