package cn.carbon.risk.rulebook;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.risk.Inputs;
import cn.carbon.testing.KafkaResource;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.OidcResource;
import cn.carbon.testing.PostgresResource;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Compliance is annual from 2023 on: with the rulebooks of several cycles received, the cycle in force follows the
 * business clock, while a feed week and a weekly report belong to the cycle whose window holds the week. Each subclass
 * runs the same story in an application of its own (its own database, and a rulebook topic on which its profile
 * published the shipped rulebooks in its own order before the start): the order never matters.
 */
abstract class AnnualCyclesTest {

    static final String HEADER = "uscc,week_start,week_end,bought_t,sold_t\n";
    static final String PROVINCE = "350000";
    static final String START = "2023-12-18T10:00:00+08:00";

    /** No pinned cycle and no fixed day: the business clock (movable here) decides, as in production. */
    abstract static class FollowingTheClock implements QuarkusTestProfile {

        /** The profile's database and rulebook topic. */
        abstract String name();

        /** The shipped rulebook files, in the order they are published. */
        abstract List<String> arrivalOrder();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("carbon.risk.cycle", "", "%test.carbon.risk.cycle", "",
                    "carbon.risk.as-of", "", "%test.carbon.risk.as-of", "",
                    "carbon.clock.adjustable", "true", "carbon.clock.start", START);
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class, Map.of("database", "risk_" + name())),
                    new TestResourceEntry(KafkaResource.class), new TestResourceEntry(OidcResource.class),
                    new TestResourceEntry(RulebooksInOrder.class, Map.of("topic", Topics.RULEBOOKS + "." + name(),
                            "resources", String.join(",", arrivalOrder()))));
        }
    }

    @AfterEach
    void clockBack() {
        moveClock(START);
    }

    @Test
    void after2021To2022TheIndexFollows2023AndEachWeekKeepsItsCycle() {
        // the shipped 2021-2022, 2023 and 2024 rulebooks (one compliance year each, 2021-2022 two)
        // one row per rulebook and compliance year: every shipped one arrived
        Inputs.awaitCount("select count(*) from rulebook_received", cn.carbon.contracts.rulebook.ShippedRulebooks
                .rulebooks().stream().mapToInt(r -> r.complianceYears().size()).sum());

        // December 2023: 2021-2022 is in force
        moveClock("2023-12-20T10:00:00+08:00");
        rulebook(null).body("rulebook.cycle", equalTo("2021-2022")).body("cycleDeadline", equalTo("2023-12-31"));
        String buyer = TestUscc.next(PROVINCE);
        Inputs.knownEntity(buyer, PROVINCE);
        Inputs.obligation(buyer, PROVINCE, 2021, 1_000);
        obligation2023(buyer, 800);
        Inputs.awaitCount("select count(*) from risk_state where uscc = ?1 and compliance_year = 2021 "
                + "and cycle = '2021-2022'", 1, buyer);
        given().auth().oauth2(Tokens.exchange()).contentType("text/csv")
                .body(HEADER + buyer + ",2023-12-18,2023-12-24,100,40\n").post("/api/risk/net-purchase-feeds")
                .then().statusCode(201).body("reportsPublished", greaterThanOrEqualTo(1));

        // December 2024, past the 2021-2022 deadline: 2023 is in force
        moveClock("2024-12-10T10:00:00+08:00");
        rulebook(null).body("rulebook.cycle", equalTo("2023")).body("cycleDeadline", equalTo("2024-12-31"))
                .body("weeklyReportsFrom", equalTo("2024-12-01"));
        rulebook("2021-2022").body("rulebook.cycle", equalTo("2021-2022"));
        given().auth().oauth2(Tokens.registry()).queryParam("cycle", "2019-2020").get("/api/risk/rulebook")
                .then().statusCode(404);

        // a feed for a week of December 2024 is taken for 2023, reported, and moves the index of 2023
        given().auth().oauth2(Tokens.exchange()).contentType("text/csv")
                .body(HEADER + buyer + ",2024-12-02,2024-12-08,30,10\n").post("/api/risk/net-purchase-feeds")
                .then().statusCode(201).body("reportsPublished", greaterThanOrEqualTo(1));
        Inputs.awaitCount("select count(*) from risk_state where uscc = ?1 and compliance_year = 2023 "
                + "and cycle = '2023'", 1, buyer);
        given().auth().oauth2(Tokens.province(PROVINCE)).get("/api/risk/entities/" + buyer).then().statusCode(200)
                .body("cycle", equalTo("2023")).body("complianceYear", equalTo(2023))
                .body("years.complianceYear", equalTo(List.of(2023)))
                .body("years[0].cycleGapT", equalTo(800));
        given().auth().oauth2(Tokens.province(PROVINCE)).queryParam("cycle", "2021-2022")
                .get("/api/risk/entities/" + buyer).then().statusCode(200)
                .body("cycle", equalTo("2021-2022")).body("years.complianceYear", equalTo(List.of(2021)));
        given().auth().oauth2(Tokens.province(PROVINCE)).queryParam("cycle", "2019-2020")
                .get("/api/risk/entities/" + buyer).then().statusCode(404);

        report("2024-12-04").body("cycle", equalTo("2023")).body("weekStart", equalTo("2024-12-02"))
                .body("cumulativeFrom", equalTo("2024-12-01"))
                .body("rows.find { it.uscc == '" + buyer + "' }.netT", equalTo(20))
                .body("rows.find { it.uscc == '" + buyer + "' }.cumulativeNetT", equalTo(20))
                .body("rows.find { it.uscc == '" + buyer + "' }.remainingGapT", equalTo(800));
        List<ConsumerRecord<String, String>> published = KafkaTestClient.readUntil(Topics.NET_PURCHASE_REPORTS,
                Duration.ofSeconds(15), r -> PROVINCE.equals(r.key()) && r.value().contains("2024-12-02")
                        && r.value().contains(buyer));
        JsonNode event = KafkaTestClient.envelope(published.get(published.size() - 1)).data();
        assertThat(event.get("cycle").asText()).isEqualTo("2023");

        // the December 2023 week still answers, for 2021-2022
        report("2023-12-20").body("cycle", equalTo("2021-2022")).body("weekStart", equalTo("2023-12-18"))
                .body("cumulativeFrom", equalTo("2023-12-01"))
                .body("rows.find { it.uscc == '" + buyer + "' }.netT", equalTo(60));

        // a stored week in no cycle's final month: the problem names the week and every cycle's reporting window
        given().auth().oauth2(Tokens.exchange()).contentType("text/csv")
                .body(HEADER + buyer + ",2024-06-03,2024-06-09,1,0\n").post("/api/risk/net-purchase-feeds")
                .then().statusCode(201).body("reportsPublished", equalTo(0));
        given().auth().oauth2(Tokens.registry()).queryParam("week", "2024-06-05")
                .get("/api/risk/provinces/" + PROVINCE + "/weekly-reports").then().statusCode(400)
                .body("errors.field", hasItem("week"))
                .body("detail", containsString("(2021-2022: 2023-12-01..2023-12-31, 2023: 2024-12-01..2024-12-31, 2024: 2025-12-01..2025-12-31"));
        // a week in no cycle's feed window is refused, naming the column and every window
        given().auth().oauth2(Tokens.exchange()).contentType("text/csv")
                .body(HEADER + buyer + ",2030-01-07,2030-01-13,1,0\n").post("/api/risk/net-purchase-feeds")
                .then().statusCode(422).body("errors[0].field", equalTo("week_start"))
                .body("errors[0].message", containsString("the week 2030-01-07..2030-01-13 is outside every cycle's feed window "
                        + "(2021-2022: 2023-01-02..2023-12-31, 2023: 2024-01-01..2024-12-31, 2024: 2025-01-01..2025-12-31"));
    }

    private static void obligation2023(String uscc, long obligationT) {
        KafkaTestClient.send(Topics.OBLIGATIONS, EventEnvelope.of(ObligationEvent.SET, "allocation-service", uscc, "2023",
                KafkaTestClient.json().valueToTree(new ObligationEvent(uscc, PROVINCE, "2023", 2023, obligationT, false,
                        "OPERATING", "CN-ETS-2023-power", 1))));
        Inputs.awaitCount("select count(*) from obligation where uscc = ?1 and compliance_year = 2023", 1, uscc);
    }

    private static io.restassured.response.ValidatableResponse rulebook(String cycle) {
        var request = given().auth().oauth2(Tokens.registry());
        if (cycle != null) {
            request = request.queryParam("cycle", cycle);
        }
        return request.get("/api/risk/rulebook").then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse report(String week) {
        return given().auth().oauth2(Tokens.province(PROVINCE)).queryParam("week", week)
                .get("/api/risk/provinces/" + PROVINCE + "/weekly-reports").then().statusCode(200);
    }

    private static void moveClock(String now) {
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(Map.of("now", now))
                .put("/api/risk/admin/clock").then().statusCode(200);
    }
}
