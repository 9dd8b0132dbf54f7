package cn.carbon.allocation.rest;

import cn.carbon.testing.BadTokens;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Province A can neither read nor act on province B's entities, runs, jobs and applications: 404, as if they did not
 * exist. Tokens and roles are checked on every allocation endpoint.
 */
@QuarkusTest
class ScopeTest {

    static final String A = "630000";
    static final String B = "640000";

    static String entityOfB;
    static String jobOfB;
    static String borrowingOfB;

    @BeforeEach
    void provinceBHasAVerifiedEntityAndAnApplication() {
        if (entityOfB != null) {
            return;
        }
        entityOfB = entity(B);
        importOk(B, coalRow(entityOfB, "U1", 2021, 1_000_000, 950_000), coalRow(entityOfB, "U1", 2022, 1_000_000, 950_000));
        jobOfB = run("verification", B).getString("id");
        borrowingOfB = given().auth().oauth2(Tokens.entity(entityOfB)).contentType(ContentType.JSON)
                .body(Map.of("complianceYear", 2021, "quantityT", 1_000, "reason", "cash"))
                .post(BASE + "/cycles/" + CYCLE + "/borrowing-applications").then().statusCode(201).extract().path("id");
    }

    @Test
    void provinceACannotReadProvinceB() {
        String a = Tokens.province(A);
        for (String path : List.of(
                BASE + "/entities/" + entityOfB,
                BASE + "/entities/" + entityOfB + "/status-history",
                BASE + "/cycles/" + CYCLE + "/entities/" + entityOfB + "/allocation",
                BASE + "/cycles/" + CYCLE + "/entities/" + entityOfB + "/compliance-notice",
                BASE + "/jobs/" + jobOfB,
                BASE + "/borrowing-applications/" + borrowingOfB,
                BASE + "/cycles/" + CYCLE + "/tables/issuance-summary?province=" + B,
                BASE + "/cycles/" + CYCLE + "/borrowing-applications?province=" + B)) {
            given().auth().oauth2(a).get(path).then().statusCode(404).contentType(startsWith("application/problem+json"));
        }
        given().auth().oauth2(Tokens.entity(entity(A))).get(BASE + "/cycles/" + CYCLE + "/entities/" + entityOfB
                + "/allocation").then().statusCode(404);
        // what B itself, the registry and the ministry see
        given().auth().oauth2(Tokens.province(B)).get(BASE + "/jobs/" + jobOfB).then().statusCode(200)
                .body("provinceCode", equalTo(B));
        given().auth().oauth2(Tokens.ministry()).get(BASE + "/cycles/" + CYCLE + "/entities/" + entityOfB
                + "/allocation").then().statusCode(200);
    }

    @Test
    void provinceACannotActOnProvinceB() {
        String a = Tokens.province(A);
        given().auth().oauth2(a).contentType(ContentType.JSON).body(Map.of("status", "DISSOLVED", "why", "x"))
                .put(BASE + "/entities/" + entityOfB + "/status").then().statusCode(404);
        given().auth().oauth2(a).queryParam("province", B).post(BASE + "/cycles/" + CYCLE + "/pre-allocation")
                .then().statusCode(404);
        given().auth().oauth2(a).queryParam("province", B).post(BASE + "/cycles/" + CYCLE + "/verification")
                .then().statusCode(404);
        given().auth().oauth2(a).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .post(BASE + "/borrowing-applications/" + borrowingOfB + "/decision").then().statusCode(404);
        given().auth().oauth2(a).contentType(ContentType.JSON)
                .body(Map.of("uscc", entityOfB, "complianceYear", 2021, "quantityT", 1, "publicServiceDuty", "heat",
                        "reason", "x"))
                .post(BASE + "/cycles/" + CYCLE + "/relief-applications").then().statusCode(404);
        given().auth().oauth2(a).contentType("text/csv")
                .body(cn.carbon.allocation.Fixtures.csv(coalRow(entityOfB, "U1", 2021, 1, 1)))
                .post(BASE + "/cycles/" + CYCLE + "/units:import").then().statusCode(422)
                .body("errors[0].message", equalTo("unknown entity " + entityOfB));
        // nothing changed for B
        given().auth().oauth2(Tokens.province(B)).get(BASE + "/entities/" + entityOfB).then().statusCode(200)
                .body("status", equalTo("OPERATING"));
        given().auth().oauth2(Tokens.province(B)).get(BASE + "/borrowing-applications/" + borrowingOfB).then()
                .statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void runsAndJobsCheckTokensAndRoles() {
        for (String kind : List.of("pre-allocation", "verification")) {
            String path = BASE + "/cycles/" + CYCLE + "/" + kind;
            BadTokens.assertAllRefused("POST", path, "registry");
            for (String token : List.of(Tokens.ministry(), Tokens.entity(entityOfB), Tokens.exchange())) {
                given().auth().oauth2(token).post(path).then().statusCode(403)
                        .contentType(startsWith("application/problem+json"));
            }
            given().auth().oauth2(Tokens.registry()).queryParam("province", "999999").post(path).then().statusCode(400);
            given().auth().oauth2(Tokens.registry()).post(BASE + "/cycles/1999-2000/" + kind).then().statusCode(404);
        }
        BadTokens.assertAllRefused("GET", BASE + "/jobs/" + jobOfB, "registry");
        given().auth().oauth2(Tokens.entity(entityOfB)).get(BASE + "/jobs/" + jobOfB).then().statusCode(403);
        given().auth().oauth2(Tokens.registry()).get(BASE + "/jobs/not-a-job").then().statusCode(404);
        String allocation = BASE + "/cycles/" + CYCLE + "/entities/" + entityOfB + "/allocation";
        BadTokens.assertAllRefused("GET", allocation, "registry");
        given().auth().oauth2(Tokens.exchange()).get(allocation).then().statusCode(403);
        given().auth().oauth2(Tokens.entity(entityOfB)).get(allocation).then().statusCode(200)
                .body("uscc", equalTo(entityOfB));
    }
}
