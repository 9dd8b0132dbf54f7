package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.BadTokens;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class SettlementResourceTest {

    static final String PATH = "/api/surrender/settlements";

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    static Map<String, Object> trade(String tradeId, String seller, String buyer, String vintage, Object quantity) {
        return Map.of("tradeId", tradeId, "sellerUscc", seller, "buyerUscc", buyer, "vintage", vintage, "quantityT", quantity);
    }

    @Test
    void aTradeAcrossProvincesSettlesOnceWhateverTheRepeats() {
        String seller = fixture.entity("320000");
        String buyer = fixture.entity("650000");
        fixture.issue(seller, 2021, "2021", 1000);
        String tradeId = "T-" + UUID.randomUUID();

        given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON)
                .body(trade(tradeId, seller, buyer, "2021", 400)).post(PATH).then().statusCode(201)
                .body("repeated", equalTo(false)).body("quantityT", equalTo(400));
        given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON)
                .body(trade(tradeId, seller, buyer, "2021", 400)).post(PATH).then().statusCode(200)
                .body("repeated", equalTo(true));
        // the same trade id with other content is not a repeat
        given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON)
                .body(trade(tradeId, seller, buyer, "2021", 401)).post(PATH).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/reference-reused"));

        assertThat(fixture.held(seller, "2021")).isEqualTo(600);
        assertThat(fixture.held(buyer, "2021")).isEqualTo(400);
        assertThat(fixture.count("select count(*) from ledger_transaction where reference = ?1", "trade:" + tradeId)).isOne();
        given().auth().oauth2(Tokens.entity(buyer)).get("/api/surrender/accounts/" + buyer + "/transactions").then()
                .statusCode(200).body("total", equalTo(1))
                .body("items[0].kind", equalTo("SETTLEMENT"))
                .body("items[0].quantityT", equalTo(400))
                .body("items[0].counterparty", equalTo("ENTITY_HOLDING/" + seller));
    }

    @Test
    void badTradesAreNamedProblemsAndChangeNothing() {
        String seller = fixture.entity("320000");
        String buyer = fixture.entity("320000");
        fixture.issue(seller, 2021, "2021", 100);
        fixture.obligation(seller, 2021, 1000);
        fixture.borrow(seller, 2021, 50);
        String before = fixture.footprint(seller) + fixture.footprint(buyer);

        // its 2023 units are borrowed ones: the 2023 allocation makes the vintage tradable, not these units
        problem(trade("T1", seller, buyer, "2023", 10), 422, "restricted-units", "quantityT");
        problem(trade("T2", seller, buyer, "2031", 10), 422, "unknown-vintage", "vintage");
        problem(trade("T3", seller, buyer, "2021", 0), 400, "invalid-request", "quantityT");
        problem(trade("T4", seller, buyer, "2021", -1), 400, "invalid-request", "quantityT");
        problem(trade("T5", seller, buyer, "2021", new java.math.BigInteger("9223372036854775808")), 400,
                "invalid-request", "quantityT");
        problem(trade("T6", seller, buyer, "2021", 101), 422, "insufficient-holdings", "quantityT");
        problem(trade("T7", seller, seller, "2021", 1), 400, "invalid-request", "buyerUscc");
        problem(trade("T8", seller, "91320000T99999999X", "2021", 1), 422, "unknown-account", "buyerUscc");
        problem(trade("bad id with spaces", seller, buyer, "2021", 1), 400, "invalid-request", "tradeId");

        assertThat(fixture.footprint(seller) + fixture.footprint(buyer)).isEqualTo(before);
        assertThat(fixture.held(seller, "2023")).isEqualTo(50); // the borrowed units stayed with their borrower
        assertThat(fixture.held(buyer, "2023")).isZero();
    }

    @Test
    void onlyTheExchangeSettles() {
        BadTokens.assertAllRefused("POST", PATH, "exchange");
        for (String token : List.of(Tokens.registry(), Tokens.province("320000"), Tokens.entity("91320000T00000001X"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(trade("T", "a", "b", "2021", 1))
                    .post(PATH).then().statusCode(403).contentType(startsWith("application/problem+json"));
        }
    }

    static void problem(Object body, int status, String slug, String field) {
        given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON).body(body).post(PATH).then()
                .statusCode(status).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/" + slug))
                .body("errors[0].field", equalTo(field));
    }
}
