package cn.carbon.offset.rest;

import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The business clock starts where the test profile says and cannot be moved unless made adjustable. */
@QuarkusTest
class ClockResourceTest {

    @Test
    void registryReadsTheBusinessClock() {
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/admin/clock").then().statusCode(200)
                .body("now", startsWith("2023-09-")).body("adjustable", equalTo(false));
    }

    @Test
    void aClockThatIsNotAdjustableRefusesToMove() {
        given().auth().oauth2(Tokens.registry()).contentType("application/json")
                .body(Map.of("now", "2024-01-05T00:00:00+08:00")).put("/api/offsets/admin/clock")
                .then().statusCode(409).body("type", equalTo("https://carbon.example/problems/clock-not-adjustable"));
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/admin/clock").then().body("now", startsWith("2023-09-"));
    }

    @Test
    void onlyTheRegistryMayTouchIt() {
        given().auth().oauth2(Tokens.province("320000")).get("/api/offsets/admin/clock").then().statusCode(403);
        given().auth().oauth2(Tokens.province("320000")).contentType("application/json")
                .body(Map.of("now", "2024-01-05T00:00:00+08:00")).put("/api/offsets/admin/clock").then().statusCode(403);
    }
}
