package cn.carbon.allocation.jobs;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.importOk;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's job statuses other than SUCCEEDED: a run in which an entity cannot be computed ends
 * COMPLETED_WITH_ERRORS naming it while the others are computed; a job that cannot run, or that a restart interrupted,
 * ends FAILED with its reason. Province 130000 is this class's own.
 */
@QuarkusTest
class JobOutcomesTest {

    static final String PROVINCE = "130000";

    @Inject
    AllocationJobs jobs;
    @Inject
    EntityManager em;

    @Test
    void anEntityThatCannotBeComputedIsListedAndTheOthersAreComputed() {
        String good = entity(PROVINCE);
        String broken = entity(PROVINCE);
        importOk(PROVINCE, coalRow(good, "U1", 2021, 1_000_000, 900_000), coalRow(good, "U1", 2022, 1_000_000, 900_000),
                coalRow(broken, "U1", 2021, 1_000_000, 900_000), coalRow(broken, "U1", 2022, 1_000_000, 900_000));
        // stored data the rulebook cannot compute (the import would have refused it): a category it does not know
        sql("update unit_year_data set category = 'NO_SUCH_CATEGORY' where uscc = ?1", broken);
        try {
            String id = given().auth().oauth2(Tokens.province(PROVINCE))
                    .post(BASE + "/cycles/" + CYCLE + "/pre-allocation").then().statusCode(202).extract().path("id");
            JsonPath job = awaitFinished(id);
            assertThat(job.getString("status")).isEqualTo(Job.COMPLETED_WITH_ERRORS);
            assertThat(job.getInt("failed")).isEqualTo(1);
            assertThat(job.getList("errors.uscc")).containsExactly(broken);
            assertThat(job.getString("errors[0].message")).contains("unknown category 'NO_SUCH_CATEGORY'");
            assertThat(job.getInt("total")).isEqualTo(job.getInt("done"));
            // the good entity got its pre-allocation; the broken one nothing
            assertThat(OutboxRows.count(Topics.ALLOCATIONS, good)).isEqualTo(2);
            assertThat(OutboxRows.count(Topics.ALLOCATIONS, broken)).isZero();
        } finally {
            // the entity leaves this province's later runs
            sql("delete from unit_year_data where uscc = ?1", broken);
        }
    }

    @Test
    void aJobWhoseRulebookVersionDoesNotExistFails() {
        UUID id = insertJob("QUEUED", 9_999);
        jobs.run(id);
        JsonPath job = job(id.toString());
        assertThat(job.getString("status")).isEqualTo(Job.FAILED);
        assertThat(job.getString("message")).isNotBlank();
        assertThat(job.getString("finishedAt")).isNotNull();
    }

    @Test
    void jobsARestartInterruptedAreMarkedFailedWithTheAdviceToRunAgain() {
        UUID running = insertJob("RUNNING", 1);
        UUID queued = insertJob("QUEUED", 1);
        jobs.onStart(null);
        for (UUID id : new UUID[]{running, queued}) {
            JsonPath job = job(id.toString());
            assertThat(job.getString("status")).isEqualTo(Job.FAILED);
            assertThat(job.getString("message")).contains("interrupted by a restart").contains("run it again");
        }
    }

    private UUID insertJob(String status, int rulebookVersion) {
        UUID id = UUID.randomUUID();
        sql("insert into allocation_job (id, kind, cycle, province_code, status, rulebook_id, rulebook_version, "
                + "requested_by, requested_at) values (?1, 'PRE_ALLOCATION', ?2, ?3, ?4, 'CN-ETS-2021-2022-power', ?5, "
                + "'province." + PROVINCE + "', now())", id, CYCLE, PROVINCE, status, rulebookVersion);
        return id;
    }

    private static JsonPath awaitFinished(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = job(id);
            if (!Job.QUEUED.equals(job.getString("status")) && !Job.RUNNING.equals(job.getString("status"))) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("job " + id + " did not finish within 90 s");
    }

    private static JsonPath job(String id) {
        return given().auth().oauth2(Tokens.registry()).get(BASE + "/jobs/" + id).then().statusCode(200)
                .extract().jsonPath();
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
