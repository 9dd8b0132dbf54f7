package cn.carbon.risk.rest;

import cn.carbon.risk.Inputs;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The feed over the API: accepted, replaced with history, idempotent; every bad feed answers a named problem and
 * stores nothing. Each test owns its weeks (weeks are shared by all entities of the database).
 */
@QuarkusTest
class NetPurchaseFeedResourceTest {

    static final String HEADER = "uscc,week_start,week_end,bought_t,sold_t\n";
    static final String A = TestUscc.next("320000");
    static final String B = TestUscc.next("320000");

    @BeforeAll
    static void entities() {
        Inputs.knownEntity(A, "320000");
        Inputs.knownEntity(B, "320000");
    }

    static ValidatableResponse post(String csv) {
        return given().auth().oauth2(Tokens.exchange()).contentType("text/csv").body(csv)
                .post("/api/risk/net-purchase-feeds").then();
    }

    static long storedRows() {
        return Inputs.count("select count(*) from net_purchase_row");
    }

    static long storedFeeds() {
        return Inputs.count("select count(*) from net_purchase_feed");
    }

    @Test
    void aFeedIsAcceptedAndReSendingAWeekReplacesItAndKeepsTheHistory() {
        String first = post(HEADER + A + ",2023-02-06,2023-02-12,100,40\n" + B + ",2023-02-06,2023-02-12,0,30\n"
                + A + ",2023-02-13,2023-02-19,5,0\n")
                .statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .body("rowCount", equalTo(3))
                .body("weeks", hasSize(2))
                .body("weeks[0].weekStart", equalTo("2023-02-06"))
                .body("weeks[0].version", equalTo(1))
                .body("weeks[0].replacedFeedId", nullValue())
                .extract().path("feedId");

        String second = post(HEADER + A + ",2023-02-06,2023-02-12,70,0\n")
                .statusCode(201)
                .body("weeks[0].version", equalTo(2))
                .body("weeks[0].replacedFeedId", equalTo(first))
                .extract().path("feedId");

        // the week's current rows are the second feed's; the first feed's rows are kept as history
        assertThat(Inputs.count("select count(*) from current_net_purchase where week_start = ?1",
                LocalDate.parse("2023-02-06"))).isEqualTo(1);
        assertThat(Inputs.count("select net_t from current_net_purchase where week_start = ?1 and uscc = ?2",
                LocalDate.parse("2023-02-06"), A)).isEqualTo(70);
        assertThat(Inputs.count("select count(*) from net_purchase_row where feed_id = ?1", first)).isEqualTo(3);
        // the other week of the first feed stays current
        assertThat(Inputs.count("select count(*) from current_net_purchase where week_start = ?1 and feed_id = ?2",
                LocalDate.parse("2023-02-13"), first)).isEqualTo(1);

        given().auth().oauth2(Tokens.registry()).queryParam("week", "2023-02-08").get("/api/risk/net-purchase-feeds")
                .then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].version", equalTo(2)).body("[0].feedId", equalTo(second)).body("[0].current", equalTo(true))
                .body("[1].version", equalTo(1)).body("[1].feedId", equalTo(first)).body("[1].current", equalTo(false));
        given().auth().oauth2(Tokens.exchange()).get("/api/risk/net-purchase-feeds/" + first).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("rowCount", equalTo(3)).body("source", equalTo("API"));
    }

    @Test
    void aJsonFeedIsAcceptedToo() {
        given().auth().oauth2(Tokens.exchange()).contentType("application/json")
                .body("{\"rows\":[{\"uscc\":\"" + A + "\",\"weekStart\":\"2023-02-20\",\"weekEnd\":\"2023-02-26\","
                        + "\"boughtT\":12,\"soldT\":2}]}")
                .post("/api/risk/net-purchase-feeds").then().statusCode(201)
                .body("rowCount", equalTo(1)).body("weeks[0].weekStart", equalTo("2023-02-20"));
        assertThat(Inputs.count("select net_t from current_net_purchase where week_start = ?1 and uscc = ?2",
                LocalDate.parse("2023-02-20"), A)).isEqualTo(10);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        String csv = HEADER + A + ",2023-02-27,2023-03-05,1,0\n";
        String key = "feed-" + System.nanoTime();
        String feedId = given().auth().oauth2(Tokens.exchange()).contentType("text/csv").header("Idempotency-Key", key)
                .body(csv).post("/api/risk/net-purchase-feeds").then().statusCode(201).extract().path("feedId");
        long feeds = storedFeeds();
        given().auth().oauth2(Tokens.exchange()).contentType("text/csv").header("Idempotency-Key", key)
                .body(csv).post("/api/risk/net-purchase-feeds").then().statusCode(201).body("feedId", equalTo(feedId))
                .body("weeks[0].version", equalTo(1));
        assertThat(storedFeeds()).isEqualTo(feeds);
        given().auth().oauth2(Tokens.exchange()).contentType("text/csv").header("Idempotency-Key", key)
                .body(csv.replace(",1,0", ",2,0")).post("/api/risk/net-purchase-feeds").then().statusCode(422)
                .body("type", containsString("idempotency-key-reused"));
    }

    // ---- bad feeds: a named problem, nothing stored --------------------------------------------------------------

    void rejected(String body, String contentType, String type, Integer row, String field, String message) {
        long rows = storedRows();
        long feeds = storedFeeds();
        ValidatableResponse r = given().auth().oauth2(Tokens.exchange()).contentType(contentType).body(body)
                .post("/api/risk/net-purchase-feeds").then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/" + type))
                .body("errors.message", hasItem(containsString(message)))
                .body("errors.field", hasItem(field));
        if (row != null) {
            r.body("errors.row", hasItem(row));
        }
        assertThat(storedRows()).isEqualTo(rows);
        assertThat(storedFeeds()).isEqualTo(feeds);
    }

    @Test
    void anUnknownUsccRejectsTheWholeFeed() {
        String stranger = TestUscc.next("320000");
        rejected(HEADER + A + ",2023-03-13,2023-03-19,1,0\n" + stranger + ",2023-03-13,2023-03-19,1,0\n", "text/csv",
                "feed-rejected", 2, "uscc", "unknown USCC " + stranger);
    }

    @Test
    void aNegativeQuantityRejectsTheWholeFeed() {
        rejected(HEADER + A + ",2023-03-13,2023-03-19,1,0\n" + B + ",2023-03-13,2023-03-19,10,-3\n", "text/csv",
                "feed-rejected", 2, "sold_t", "must not be negative: -3");
    }

    @Test
    void overlappingWeeksInOneFeedRejectIt() {
        rejected(HEADER + A + ",2023-04-03,2023-04-09,1,0\n" + B + ",2023-04-05,2023-04-11,1,0\n", "text/csv",
                "feed-rejected", 2, "week_start", "overlaps the week 2023-04-03..2023-04-09 of row 1");
    }

    @Test
    void aWeekOverlappingAStoredWeekIsRejected() {
        post(HEADER + A + ",2023-03-06,2023-03-12,1,0\n").statusCode(201);
        rejected(HEADER + B + ",2023-03-08,2023-03-14,1,0\n", "text/csv", "feed-rejected", 1, "week_start",
                "overlaps the stored week 2023-03-06..2023-03-12");
    }

    @Test
    void theSameEntityTwiceInAWeekIsRejected() {
        rejected(HEADER + A + ",2023-04-17,2023-04-23,1,0\n" + A + ",2023-04-17,2023-04-23,2,0\n", "text/csv",
                "feed-rejected", 2, "uscc", "appears again for the week 2023-04-17..2023-04-23 (first in row 1)");
    }

    @Test
    void aWrongHeaderIsRejected() {
        rejected("uscc,week,bought,sold\n" + A + ",2023-04-24,1,0\n", "text/csv", "feed-header", 0, "header",
                "expected uscc,week_start,week_end,bought_t,sold_t");
    }

    @Test
    void aWeekOutsideTheCycleIsRejected() {
        rejected(HEADER + A + ",2023-05-01,2023-05-07,1,0\n" + A + ",2024-01-01,2024-01-07,1,0\n", "text/csv",
                "feed-rejected", 2, "week_start", "is outside cycle 2021-2022 (feeds cover 2023-01-02..2023-12-31)");
    }

    @Test
    void anEmptyFeedAndMalformedJsonAreRejected() {
        rejected(HEADER, "text/csv", "feed-rejected", null, "body", "the feed has no rows");
        rejected("[{\"uscc\":", "application/json", "feed-malformed", null, "body", "not valid JSON");
    }

    @Test
    void everyProblemOfALargeFeedIsCountedAndTheFirstHundredListed() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 150; i++) {
            csv.append(A).append(",2023-05-08,2023-05-14,-1,0\n");
        }
        given().auth().oauth2(Tokens.exchange()).contentType("text/csv").body(csv.toString())
                .post("/api/risk/net-purchase-feeds").then().statusCode(422)
                .body("errors", hasSize(100))
                .body("detail", containsString("150 problem(s) in 150 row(s); nothing was stored"));
    }
}
