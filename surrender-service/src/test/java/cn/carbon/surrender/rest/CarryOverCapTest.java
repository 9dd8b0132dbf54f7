package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The carry-over cap of the 2024 rulebook from the ledger's own trades (docs/RULES-2023-2025.md §9 F4, F5): a seller
 * of 40,000 t holding 100,000 t may carry 70,000 t; a buyer keeps the 10,000 t base; the excess is flagged, not moved.
 */
@QuarkusTest
class CarryOverCapTest {

    static final String PROVINCE = "440000";

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheCutOff() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    @Test
    void aSellerMayCarryBasePlusOneAndAHalfTimesItsNetSalesAndTheRestIsFlagged() {
        String seller = fixture.entity(PROVINCE);
        String buyer = fixture.entity(PROVINCE);
        fixture.issue(seller, 2022, "2022", 140_000);
        given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON)
                .body(SettlementResourceTest.trade("T-" + UUID.randomUUID(), seller, buyer, "2022", 40_000))
                .post("/api/surrender/settlements").then().statusCode(201);

        given().auth().oauth2(Tokens.entity(seller)).get("/api/surrender/cycles/2024/entities/" + seller
                        + "/carry-over-cap").then().statusCode(200)
                .body("finalFigures", equalTo(false)).body("cutOff", equalTo("2025-12-31"))
                .body("entities[0].soldT", equalTo(40_000)).body("entities[0].boughtT", equalTo(0))
                .body("entities[0].netSalesT", equalTo(40_000)).body("entities[0].capT", equalTo(70_000))
                .body("entities[0].holdingsT", equalTo(100_000)).body("entities[0].carryableT", equalTo(70_000))
                .body("entities[0].excessT", equalTo(30_000)).body("entities[0].flagged", equalTo(true));
        // the buyer: net sales −40,000 t count as 0, so the cap is the base
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/cycles/2024/entities/" + buyer
                        + "/carry-over-cap").then().statusCode(200)
                .body("entities[0].netSalesT", equalTo(-40_000)).body("entities[0].capT", equalTo(10_000))
                .body("entities[0].excessT", equalTo(30_000));
        // flagged, never moved
        assertThat(fixture.held(seller, "2022")).isEqualTo(100_000);

        given().auth().oauth2(Tokens.province(PROVINCE)).queryParam("flagged", "true")
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(200)
                .body("items.findAll { it.uscc == '" + seller + "' }.excessT", contains(30_000))
                .body("items.findAll { it.uscc == '" + buyer + "' }.capT", contains(10_000));
        String csv = given().auth().oauth2(Tokens.province(PROVINCE)).accept("text/csv")
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv).startsWith("uscc,name,province,sold_t,bought_t,net_sales_t,base_t,net_sales_multiplier,cap_t,"
                + "holdings_t,carryable_t,excess_t,flagged\r\n");
        assertThat(csv.lines().filter(l -> l.startsWith(seller))).singleElement().asString()
                .endsWith("," + PROVINCE + ",40000,0,40000,10000,1.5,70000,100000,70000,30000,true");
    }

    @Test
    void scopeCyclesAndBadFiltersAreNamed() {
        String mine = fixture.entity(PROVINCE);
        String other = fixture.entity("320000");
        given().auth().oauth2(Tokens.entity(mine)).get("/api/surrender/cycles/2024/entities/" + other
                + "/carry-over-cap").then().statusCode(404);
        given().auth().oauth2(Tokens.province("320000")).get("/api/surrender/cycles/2024/entities/" + mine
                + "/carry-over-cap").then().statusCode(404);
        given().auth().oauth2(Tokens.province("320000")).queryParam("province", PROVINCE)
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/cycles/2021-2022/carry-over-caps")
                .then().statusCode(409).body("type", equalTo("https://carbon.example/problems/no-carry-over-cap"));
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/cycles/1999/carry-over-caps")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).queryParam("flagged", "maybe")
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(400)
                .body("errors.field", contains("flagged"));
        given().auth().oauth2(Tokens.entity(mine)).get("/api/surrender/cycles/2024/carry-over-caps")
                .then().statusCode(403);
    }
}
