package cn.carbon.offset.rest;

import cn.carbon.testing.BadTokens;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.carbon.offset.Offsets.CYCLE;
import static cn.carbon.offset.Offsets.applied;
import static cn.carbon.offset.Offsets.entity;
import static cn.carbon.offset.Offsets.line;
import static cn.carbon.offset.Offsets.lot;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** 401 for no or bad tokens, 403 for the wrong role, 404 outside the caller's province or entity. */
@QuarkusTest
class SecurityTest {

    static final String JS = "320000";
    static final String GD = "440000";
    static boolean worldBuilt;
    static String jiangsu;
    static String guangdong;
    static String lot;
    static String application;

    /** Once per class, but after Quarkus has pointed RestAssured at the test port (not so in @BeforeAll). */
    @BeforeEach
    void world() {
        if (worldBuilt) {
            return;
        }
        worldBuilt = true;
        jiangsu = entity(JS, 1_000_000, 1_000_000);
        guangdong = entity(GD, 1_000_000, 1_000_000);
        lot = lot(jiangsu, 1_000);
        application = applied(jiangsu, 2021, line(lot, 100));
    }

    private static String headroom(String uscc) {
        return "/api/offsets/entities/" + uscc + "/headroom?cycle=" + CYCLE + "&complianceYear=2021";
    }

    @Test
    void noTokenAndEveryBadTokenAre401OnEveryEndpoint() {
        BadTokens.assertAllRefused("GET", headroom(jiangsu), "registry");
        BadTokens.assertAllRefused("GET", "/api/offsets/ccer-lots", "registry");
        BadTokens.assertAllRefused("GET", "/api/offsets/ccer-lots/" + lot, "registry");
        BadTokens.assertAllRefused("POST", "/api/offsets/ccer-lots", "registry");
        BadTokens.assertAllRefused("GET", "/api/offsets/applications", "registry");
        BadTokens.assertAllRefused("GET", "/api/offsets/applications/" + application, "registry");
        BadTokens.assertAllRefused("POST", "/api/offsets/applications", "entity");
        BadTokens.assertAllRefused("POST", "/api/offsets/applications/" + application + "/review", "province");
        BadTokens.assertAllRefused("POST", "/api/offsets/applications/" + application + "/confirm", "registry");
        BadTokens.assertAllRefused("POST", "/api/offsets/applications/" + application + "/withdraw", "entity");
        BadTokens.assertAllRefused("GET", "/api/offsets/cycles/" + CYCLE + "/rulebook", "registry");
    }

    @Test
    void theWrongRoleIs403() {
        forbidden(Tokens.exchange()).get(headroom(jiangsu)).then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/forbidden"));
        forbidden(Tokens.exchange()).get("/api/offsets/applications").then().statusCode(403);
        forbidden(Tokens.exchange()).get("/api/offsets/ccer-lots").then().statusCode(403);
        // only the registry records frozen lots
        forbidden(Tokens.entity(jiangsu)).body(Map.of("lotId", "X")).post("/api/offsets/ccer-lots").then().statusCode(403);
        forbidden(Tokens.province(JS)).body(Map.of("lotId", "X")).post("/api/offsets/ccer-lots").then().statusCode(403);
        // only an entity applies
        Map<String, Object> apply = Map.of("cycle", CYCLE, "complianceYear", 2021, "lots", List.of(line(lot, 1)));
        forbidden(Tokens.registry()).body(apply).post("/api/offsets/applications").then().statusCode(403);
        forbidden(Tokens.province(JS)).body(apply).post("/api/offsets/applications").then().statusCode(403);
        // only the province reviews, only the registry confirms, only the entity withdraws
        String app = "/api/offsets/applications/" + application;
        forbidden(Tokens.entity(jiangsu)).body(Map.of("decision", "APPROVE")).post(app + "/review").then().statusCode(403);
        forbidden(Tokens.registry()).body(Map.of("decision", "APPROVE")).post(app + "/review").then().statusCode(403);
        forbidden(Tokens.ministry()).body(Map.of("decision", "APPROVE")).post(app + "/review").then().statusCode(403);
        forbidden(Tokens.province(JS)).post(app + "/confirm").then().statusCode(403);
        forbidden(Tokens.ministry()).post(app + "/confirm").then().statusCode(403);
        forbidden(Tokens.entity(jiangsu)).post(app + "/confirm").then().statusCode(403);
        forbidden(Tokens.province(JS)).post(app + "/withdraw").then().statusCode(403);
        // nothing moved
        given().auth().oauth2(Tokens.registry()).get(app).then().statusCode(200).body("status", equalTo("PENDING_REVIEW"));
    }

    private static RequestSpecification forbidden(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void anotherProvinceSeesNothingAndReviewsNothing() {
        String app = "/api/offsets/applications/" + application;
        given().auth().oauth2(Tokens.province(GD)).get(app).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.province(GD)).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .post(app + "/review").then().statusCode(404);
        given().auth().oauth2(Tokens.province(GD)).get("/api/offsets/ccer-lots/" + lot).then().statusCode(404);
        given().auth().oauth2(Tokens.province(GD)).get(headroom(jiangsu)).then().statusCode(404);
        given().auth().oauth2(Tokens.province(GD)).queryParam("province", JS).get("/api/offsets/applications")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.province(GD)).queryParam("province", JS).get("/api/offsets/ccer-lots")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.province(GD)).queryParam("uscc", jiangsu).get("/api/offsets/applications")
                .then().statusCode(200).body("total", equalTo(0));
        // the own province does see it, and so do the national roles
        given().auth().oauth2(Tokens.province(JS)).get(app).then().statusCode(200);
        given().auth().oauth2(Tokens.province(JS)).get(headroom(jiangsu)).then().statusCode(200);
        given().auth().oauth2(Tokens.ministry()).get(app).then().statusCode(200);
        given().auth().oauth2(Tokens.registry()).get(app).then().statusCode(200).body("status", equalTo("PENDING_REVIEW"));
    }

    @Test
    void anotherEntitySeesNothingAndTouchesNothing() {
        String app = "/api/offsets/applications/" + application;
        given().auth().oauth2(Tokens.entity(guangdong)).get(app).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(guangdong)).post(app + "/withdraw").then().statusCode(404);
        given().auth().oauth2(Tokens.entity(guangdong)).get("/api/offsets/ccer-lots/" + lot).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(guangdong)).get(headroom(jiangsu)).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(guangdong)).queryParam("uscc", jiangsu).get("/api/offsets/ccer-lots")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.entity(guangdong)).queryParam("uscc", jiangsu).get("/api/offsets/applications")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.entity(guangdong)).contentType(ContentType.JSON)
                .body(Map.of("uscc", jiangsu, "cycle", CYCLE, "complianceYear", 2021, "lots", List.of(line(lot, 1))))
                .post("/api/offsets/applications").then().statusCode(404);
        given().auth().oauth2(Tokens.entity(jiangsu)).get(app).then().statusCode(200);
        given().auth().oauth2(Tokens.entity(jiangsu)).get(headroom(jiangsu)).then().statusCode(200)
                .body("pendingT", equalTo(100));
    }

    @Test
    void unknownThingsAre404() {
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/applications/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/applications/" + java.util.UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).post("/api/offsets/applications/" + java.util.UUID.randomUUID()
                + "/confirm").then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/ccer-lots/NO-SUCH-LOT").then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).get(headroom(TestUscc.next(JS))).then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/cycles/2099-2100/rulebook").then().statusCode(404);
    }
}
