package cn.carbon.allocation.issuance;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.allEvents;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.events;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static cn.carbon.allocation.issuance.Nets.ENTITY;
import static cn.carbon.allocation.issuance.Nets.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * No silent skip: a verification run names every entity-year with a pre-allocation and no verified unit data, ends
 * COMPLETED_WITH_ERRORS and leaves the year open (AWAITING_VERIFIED_DATA) until the data come or the province declares
 * that the units emitted nothing (the pre-allocation clawed back, obligation 0 published). One coal unit with 2021
 * data only: pre-allocation 575,260 t (2021), 572,390 t (2022); 2021 verified at 821,800 t.
 */
@QuarkusTest
class MissingVerifiedDataTest {

    static final String PROVINCE = "230000";
    static final String OTHER = "350000";

    private static String pre2022WithoutData() {
        String uscc = entity(PROVINCE);
        importOk(PROVINCE, coalRow(uscc, "U1", 2021, 1_000_000, 900_000));
        run("pre-allocation", PROVINCE);
        return uscc;
    }

    /** Runs the province's verification and returns the finished job (whatever its status). */
    static JsonPath verification() {
        String id = given().auth().oauth2(Tokens.province(PROVINCE))
                .post(BASE + "/cycles/" + CYCLE + "/verification").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = given().auth().oauth2(Tokens.province(PROVINCE)).get(BASE + "/jobs/" + id).then()
                    .statusCode(200).extract().jsonPath();
            if (!List.of("QUEUED", "RUNNING").contains(job.getString("status"))) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("job " + id + " did not finish within 60 s");
    }

    private static String path(String uscc, int year) {
        return BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/years/" + year + "/no-emissions";
    }

    private static ValidatableResponse declare(String token, String uscc, int year, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path(uscc, year)).then();
    }

    private static JsonPath allocation(String uscc) {
        return given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/allocation").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aVerificationRunNamesEveryPreAllocatedYearWithoutDataAndLeavesItOpen() {
        String uscc = pre2022WithoutData();
        JsonPath job = verification();
        assertThat(job.getString("status")).isEqualTo("COMPLETED_WITH_ERRORS");
        Map<String, Object> error = job.getMap("errors.find { it.uscc == '" + uscc + "' }");
        assertThat(error).containsEntry("year", 2022);
        assertThat((String) error.get("message")).contains("AWAITING_VERIFIED_DATA").contains("no-emissions");
        assertThat(job.getList("errors.findAll { it.uscc == '" + uscc + "' }")).hasSize(1); // 2021 was verified

        JsonPath a = allocation(uscc);
        assertThat(a.getString("years[0].state")).isEqualTo("VERIFIED");
        assertThat(a.getString("years[1].state")).isEqualTo("AWAITING_VERIFIED_DATA");
        assertThat(a.getObject("years[1].verification", Object.class)).isNull();
        // the pre-allocation stays where it was, nothing was moved for 2022
        assertThat(Nets.publishedEqualsStored(PROVINCE, List.of(uscc)).get(uscc))
                .containsEntry(at(ENTITY, "2022"), 572_390L).containsEntry(at(ENTITY, "2021"), 821_800L);

        JsonPath special = given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/tables/special-list").then().statusCode(200).extract().jsonPath();
        assertThat(special.getString("items.find { it.uscc == '" + uscc + "' }.open_years"))
                .contains("2022 AWAITING_VERIFIED_DATA");

        // the province imports the 2022 data: the next verification run handles the year
        importOk(PROVINCE, coalRow(uscc, "U1", 2022, 1_000_000, 900_000));
        JsonPath later = verification();
        assertThat(later.getList("errors.findAll { it.uscc == '" + uscc + "' }")).isEmpty();
        assertThat(allocation(uscc).getString("years[1].state")).isEqualTo("VERIFIED");
        assertThat(Nets.publishedEqualsStored(PROVINCE, List.of(uscc)).get(uscc))
                .isEqualTo(Nets.of(at(ENTITY, "2021"), 821_800, at(ENTITY, "2022"), 817_700));
    }

    @Test
    void aDeclarationOfNoEmissionsClawsThePreAllocationBackAndPublishesObligationZero() {
        String uscc = pre2022WithoutData();
        verification();

        JsonPath d = declare(Tokens.province(PROVINCE), uscc, 2022, Map.of("reason", "units mothballed all 2022"))
                .statusCode(201).extract().jsonPath();
        assertThat(d.getString("reason")).isEqualTo("units mothballed all 2022");
        assertThat(d.getString("declaredBy")).isNotBlank();
        assertThat(d.getString("declaredAt")).isNotBlank();
        assertThat(d.getLong("obligationT")).isZero();
        assertThat(d.getList("instructions")).hasSize(1);
        assertThat(d.getString("instructions[0].kind")).isEqualTo("CLAW_BACK");
        assertThat(d.getString("instructions[0].destination")).isEqualTo(ENTITY);
        assertThat(d.getString("instructions[0].vintage")).isEqualTo("2022");
        assertThat(d.getLong("instructions[0].quantityT")).isEqualTo(572_390L);
        assertThat(d.getString("unmovable")).contains("obligationAddedT");

        assertThat(Nets.publishedEqualsStored(PROVINCE, List.of(uscc)).get(uscc))
                .isEqualTo(Nets.of(at(ENTITY, "2021"), 821_800));
        ObligationEvent zero = events(Topics.OBLIGATIONS, uscc, 2).stream()
                .map(e -> KafkaTestClient.json().convertValue(e.data(), ObligationEvent.class))
                .filter(o -> o.complianceYear() == 2022).findFirst().orElseThrow();
        assertThat(zero.obligationT()).isZero();
        assertThat(zero.exempt()).isFalse();

        JsonPath a = allocation(uscc);
        assertThat(a.getString("years[1].state")).isEqualTo("NO_EMISSIONS_DECLARED");
        assertThat(a.getString("years[1].noEmissions.reason")).isEqualTo("units mothballed all 2022");
        assertThat(a.getLong("years[1].obligationT")).isZero();
        assertThat(a.getLong("years[1].issuedT")).isZero();

        // repeated identically: the same declaration, nothing more sent
        JsonPath again = declare(Tokens.province(PROVINCE), uscc, 2022, Map.of("reason", "units mothballed all 2022"))
                .statusCode(200).extract().jsonPath();
        assertThat(again.getString("declaredAt")).isEqualTo(d.getString("declaredAt"));
        assertThat(again.getList("instructions")).isEmpty();
        // with another reason: a conflict, nothing changes
        declare(Tokens.province(PROVINCE), uscc, 2022, Map.of("reason", "something else")).statusCode(409)
                .contentType(startsWith("application/problem+json"));
        // a later verification run leaves the declared year closed and sends nothing more
        JsonPath job = verification();
        assertThat(job.getList("errors.findAll { it.uscc == '" + uscc + "' }")).isEmpty();
        List<EventEnvelope> all = allEvents(Topics.ALLOCATIONS, uscc);
        assertThat(all.stream().filter(e -> e.data().get("complianceYear").asInt() == 2022)).hasSize(2);
    }

    @Test
    void aYearWithDataCannotBeDeclaredAndBadInputChangesNothing() {
        String uscc = pre2022WithoutData();
        declare(Tokens.province(PROVINCE), uscc, 2021, Map.of("reason", "no")).statusCode(409)
                .contentType(startsWith("application/problem+json"));
        declare(Tokens.province(PROVINCE), uscc, 2022, Map.of("reason", " ")).statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("reason"));
        declare(Tokens.province(PROVINCE), uscc, 2030, Map.of("reason", "x")).statusCode(400)
                .body("errors.field", hasItem("year"));
        declare(Tokens.province(PROVINCE), uscc, 2022, Map.of()).statusCode(400).body("errors.field", hasItem("reason"));
        assertThat(allocation(uscc).getObject("years[1].noEmissions", Object.class)).isNull();
        assertThat(allEvents(Topics.ALLOCATIONS, uscc)).extracting(EventEnvelope::type)
                .containsOnly(AllocationInstruction.ISSUE);
    }

    @Test
    void onlyTheProvinceOfTheEntityOrTheRegistryDeclares() {
        String uscc = pre2022WithoutData();
        Map<String, String> body = Map.of("reason", "no emissions");
        declare(Tokens.entity(uscc), uscc, 2022, body).statusCode(403);
        declare(Tokens.ministry(), uscc, 2022, body).statusCode(403);
        declare(Tokens.exchange(), uscc, 2022, body).statusCode(403);
        declare(Tokens.province(OTHER), uscc, 2022, body).statusCode(404)
                .contentType(startsWith("application/problem+json"));
        declare(Tokens.province(PROVINCE), TestUscc.next(OTHER), 2022, body).statusCode(404);
        assertThat(allocation(uscc).getObject("years[1].noEmissions", Object.class)).isNull();
        // the registry may declare for any entity
        declare(Tokens.registry(), uscc, 2022, body).statusCode(201);
    }
}
