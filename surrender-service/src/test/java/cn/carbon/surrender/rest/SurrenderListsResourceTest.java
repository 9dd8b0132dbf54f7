package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The lists of forced-surrender orders and late-compliance requests: scoped like the compliance list (a province its
 * own, another province's filter 404, an entity its own, the national roles any), paged, filtered by status, and a
 * status that is none of theirs refused naming the parameter. Province 210000 is this test's alone.
 */
@QuarkusTest
class SurrenderListsResourceTest {

    static final String FORCED = "/api/surrender/forced-surrenders";
    static final String LATE = "/api/surrender/late-compliance-requests";
    static final String PROVINCE = "210000";

    @Inject
    Fixture fixture;

    @AfterEach
    void clockBack() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    private String entrusted() {
        String uscc = fixture.entity(PROVINCE);
        fixture.obligation(uscc, 2021, 1_000);
        fixture.obligation(uscc, 2022, 1_000);
        fixture.issueToCustody(uscc, 2021, "2021", 600);
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "cycle", "2021-2022")).post(FORCED).then().statusCode(201);
        return uscc;
    }

    private static JsonPath list(String token, String path) {
        return given().auth().oauth2(token).get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void forcedSurrendersAreListedInTheirProvincePagedAndByStatus() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
        long before = list(Tokens.province(PROVINCE), FORCED + "?size=1").getLong("total");
        String first = entrusted();
        String second = entrusted();
        String third = entrusted();

        JsonPath page0 = list(Tokens.province(PROVINCE), FORCED + "?province=" + PROVINCE + "&page=0&size=2");
        assertThat(page0.getLong("total")).isEqualTo(before + 3);
        assertThat(page0.getList("items")).hasSize(2);
        // newest entrustment first
        assertThat(page0.getList("items.uscc", String.class)).containsExactly(third, second);
        assertThat(list(Tokens.province(PROVINCE), FORCED + "?page=1&size=2").getString("items[0].uscc")).isEqualTo(first);

        // executed by the registry: the status filter tells the two apart
        String id = page0.getString("items[0].id");
        given().auth().oauth2(Tokens.registry()).post(FORCED + "/" + id + "/execute").then().statusCode(200);
        JsonPath executed = list(Tokens.registry(), FORCED + "?province=" + PROVINCE + "&status=EXECUTED&size=500");
        assertThat(executed.getList("items.uscc", String.class)).contains(third).doesNotContain(first, second);
        assertThat(executed.getList("items.status", String.class)).containsOnly("EXECUTED");
        assertThat(executed.getLong("items.find { it.uscc == '" + third + "' }.years[0].surrenderedT")).isEqualTo(600);
        assertThat(list(Tokens.ministry(), FORCED + "?province=" + PROVINCE + "&status=ENTRUSTED&size=500")
                .getList("items.uscc", String.class)).contains(first, second).doesNotContain(third);

        // another province sees none of them, and asking for this one is 404
        assertThat(list(Tokens.province("220000"), FORCED + "?size=500").getList("items.uscc", String.class))
                .doesNotContain(first, second, third);
        given().auth().oauth2(Tokens.province("220000")).get(FORCED + "?province=" + PROVINCE).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        // an entity its own only, whatever province it asks for
        JsonPath own = list(Tokens.entity(first), FORCED + "?province=" + PROVINCE);
        assertThat(own.getList("items.uscc", String.class)).containsExactly(first);
        assertThat(own.getLong("total")).isEqualTo(1);
    }

    @Test
    void aStatusThatIsNoneOfTheirsIsRefusedNamingTheParameter() {
        for (String path : List.of(FORCED + "?status=DONE", LATE + "?status=DONE")) {
            given().auth().oauth2(Tokens.registry()).get(path).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://carbon.example/problems/invalid-request"))
                    .body("errors[0].field", equalTo("status"));
        }
        given().auth().oauth2(Tokens.registry()).get(LATE + "?size=0").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void lateComplianceRequestsAreListedInTheirProvincePagedAndByStatus() {
        String a = fixture.entity(PROVINCE);
        String b = fixture.entity(PROVINCE);
        for (String uscc : List.of(a, b)) {
            fixture.obligation(uscc, 2021, 1_000);
        }
        long before = list(Tokens.province(PROVINCE), LATE + "?size=1").getLong("total");
        TestClock.set(TestClock.AFTER_DEADLINE);
        String idA = ask(a);
        ask(b);
        given().auth().oauth2(Tokens.province(PROVINCE)).post(LATE + "/" + idA + "/confirm").then().statusCode(200);

        JsonPath page0 = list(Tokens.province(PROVINCE), LATE + "?page=0&size=1");
        assertThat(page0.getLong("total")).isEqualTo(before + 2);
        assertThat(page0.getList("items.uscc", String.class)).containsExactly(b);
        assertThat(list(Tokens.province(PROVINCE), LATE + "?page=1&size=1").getList("items.uscc", String.class))
                .containsExactly(a);
        JsonPath requested = list(Tokens.province(PROVINCE), LATE + "?province=" + PROVINCE + "&status=REQUESTED&size=500");
        assertThat(requested.getList("items.uscc", String.class)).contains(b).doesNotContain(a);
        JsonPath confirmed = list(Tokens.registry(), LATE + "?province=" + PROVINCE + "&status=CONFIRMED&size=500");
        assertThat(confirmed.getList("items.uscc", String.class)).contains(a).doesNotContain(b);
        assertThat(confirmed.getString("items.find { it.uscc == '" + a + "' }.confirmedBy")).isEqualTo("province." + PROVINCE);

        given().auth().oauth2(Tokens.province("220000")).get(LATE + "?province=" + PROVINCE).then().statusCode(404);
        assertThat(list(Tokens.province("220000"), LATE + "?size=500").getList("items.uscc", String.class))
                .doesNotContain(a, b);
        assertThat(list(Tokens.entity(b), LATE).getList("items.uscc", String.class)).containsExactly(b);
    }

    private static String ask(String uscc) {
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2021, "reason", "funds arrived late"))
                .post(LATE).then().statusCode(201).extract().path("id");
    }
}
