package cn.carbon.risk.rest;

import cn.carbon.risk.Inputs;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

/** Bad tokens 401, wrong roles 403, another province's or entity's data 404 — on every endpoint. */
@QuarkusTest
class SecurityTest {

    static final String JIANGSU = TestUscc.next("320000");
    static final String OTHER_JIANGSU = TestUscc.next("320000");

    @BeforeAll
    static void entities() {
        Inputs.knownEntity(JIANGSU, "320000");
        Inputs.knownEntity(OTHER_JIANGSU, "320000");
    }

    @Test
    void badTokensAre401OnEveryEndpoint() {
        BadTokens.assertAllRefused("POST", "/api/risk/net-purchase-feeds", "exchange");
        BadTokens.assertAllRefused("GET", "/api/risk/net-purchase-feeds/x", "exchange");
        BadTokens.assertAllRefused("GET", "/api/risk/net-purchase-feeds?week=2023-12-04", "registry");
        BadTokens.assertAllRefused("GET", "/api/risk/entities/" + JIANGSU, "registry");
        BadTokens.assertAllRefused("GET", "/api/risk/provinces/320000/weekly-reports?week=2023-12-04", "registry");
        BadTokens.assertAllRefused("GET", "/api/risk/alerts", "registry");
        BadTokens.assertAllRefused("GET", "/api/risk/alerts/stream", "registry");
    }

    @Test
    void wrongRolesAre403() {
        for (String token : new String[]{Tokens.province("320000"), Tokens.entity(JIANGSU), Tokens.registry(),
                Tokens.ministry()}) {
            given().auth().oauth2(token).contentType("text/csv").body("uscc,week_start,week_end,bought_t,sold_t\n")
                    .post("/api/risk/net-purchase-feeds").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
        }
        given().auth().oauth2(Tokens.entity(JIANGSU)).get("/api/risk/alerts").then().statusCode(403);
        given().auth().oauth2(Tokens.entity(JIANGSU)).get("/api/risk/alerts/stream").then().statusCode(403);
        given().auth().oauth2(Tokens.exchange()).queryParam("week", "2023-12-04")
                .get("/api/risk/provinces/320000/weekly-reports").then().statusCode(403);
        given().auth().oauth2(Tokens.entity(JIANGSU)).queryParam("week", "2023-12-04")
                .get("/api/risk/provinces/320000/weekly-reports").then().statusCode(403);
        given().auth().oauth2(Tokens.province("320000")).get("/api/risk/net-purchase-feeds/x").then().statusCode(403);
    }

    @Test
    void anotherProvincesOrEntitysDataIs404() {
        given().auth().oauth2(Tokens.province("440000")).get("/api/risk/entities/" + JIANGSU).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.entity(OTHER_JIANGSU)).get("/api/risk/entities/" + JIANGSU).then().statusCode(404);
        given().auth().oauth2(Tokens.province("440000")).queryParam("week", "2023-12-04")
                .get("/api/risk/provinces/320000/weekly-reports").then().statusCode(404);
        given().auth().oauth2(Tokens.province("440000")).queryParam("province", "320000")
                .get("/api/risk/alerts").then().statusCode(404);
        given().auth().oauth2(Tokens.province("440000")).queryParam("province", "320000")
                .get("/api/risk/alerts/stream").then().statusCode(404);
        // and the owners do see them
        given().auth().oauth2(Tokens.province("320000")).get("/api/risk/entities/" + JIANGSU).then().statusCode(200);
        given().auth().oauth2(Tokens.entity(JIANGSU)).get("/api/risk/entities/" + JIANGSU).then().statusCode(200);
        given().auth().oauth2(Tokens.exchange()).get("/api/risk/entities/" + JIANGSU).then().statusCode(200);
        given().auth().oauth2(Tokens.registry()).get("/api/risk/entities/" + TestUscc.next("320000")).then().statusCode(404);
    }
}
