package cn.carbon.surrender.rulebook;

import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The restriction belongs to the units, not to the vintage, whichever rulebook arrives last (a new version of the
 * 2023 rulebook after the 2021-2022 one, then a new version of the 2021-2022 rulebook): a borrower's 2023 units
 * (borrowed against its 2022 obligation) are neither traded nor drawn by a forced surrender and serve only its own
 * 2022 surrender, while the 2023 units the 2023 allocation issued are free: traded, surrendered for 2023, drawn by a
 * forced surrender of a frozen account, and counted by the carry-over cap.
 */
@QuarkusTest
class VintageRestrictionOrderTest {

    static final String PROVINCE = "430000";
    static final String PROBLEMS = "https://carbon.example/problems/";

    @Inject
    Fixture fixture;

    @Inject
    Rulebooks rulebooks;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    @Test
    void borrowedUnitsStayRestrictedAndAllocatedUnitsOfTheSameVintageAreFreeInEitherOrder() {
        publish(ShippedRulebooks.tree(ShippedRulebooks.FOLDER + "CN-ETS-2023-power.json"), 2023);
        restrictedAreTheBorrowedUnits("2023's rulebook last");
        publish(ShippedRulebooks.tree(), 2021);
        restrictedAreTheBorrowedUnits("2021-2022's rulebook last");
    }

    private void restrictedAreTheBorrowedUnits(String order) {
        // 2023 no longer exists only as borrowed units: the 2023 rulebook allocates it
        assertThat(rulebooks.vintages()).as(order).containsEntry("2023", false).containsEntry("2022", false);
        assertThat(fixture.count("select count(*) from vintage where code = '2023' and borrowed_only")).as(order).isZero();
        String borrower = fixture.entity(PROVINCE);
        String buyer = fixture.entity(PROVINCE);
        fixture.obligation(borrower, 2022, 1_000);
        fixture.obligation(borrower, 2023, 1_000);
        fixture.borrow(borrower, 2022, 300);
        fixture.issue(borrower, 2023, "2023", 200); // refused (dead-lettered) while the vintage was restricted
        assertThat(fixture.restricted(borrower, "2023")).as(order).isEqualTo(300);
        assertThat(fixture.free(borrower, "2023")).as(order).isEqualTo(200);
        given().auth().oauth2(Tokens.entity(borrower)).get("/api/surrender/accounts/" + borrower).then().statusCode(200)
                .body("holdings.find { it.vintage == '2023' }.freeT", equalTo(200))
                .body("holdings.find { it.vintage == '2023' }.restrictedT", equalTo(300));

        // only the free units trade: 250 t would take 50 t of borrowed ones
        settle(borrower, buyer, 250).statusCode(422).body("type", equalTo(PROBLEMS + "restricted-units"))
                .body("errors[0].field", equalTo("quantityT"));
        settle(borrower, buyer, 150).statusCode(201);
        assertThat(List.of(fixture.free(borrower, "2023"), fixture.restricted(borrower, "2023"),
                fixture.free(buyer, "2023"), fixture.restricted(buyer, "2023"))).as(order).containsExactly(50L, 300L, 150L, 0L);

        // the carry-over cap (2024 rule, vintages 2019-2024) counts free units only
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/cycles/2024/entities/" + borrower
                        + "/carry-over-cap").then().statusCode(200)
                .body("entities[0].soldT", equalTo(150)).body("entities[0].holdingsT", equalTo(50));
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/cycles/2024/entities/" + buyer
                        + "/carry-over-cap").then().statusCode(200)
                .body("entities[0].boughtT", equalTo(150)).body("entities[0].holdingsT", equalTo(150));

        // for 2023, vintage 2023 is surrendered from the free units; the borrowed ones do not make up the rest
        surrender(borrower, 2023, 60).statusCode(422).body("type", equalTo(PROBLEMS + "restricted-units"))
                .body("errors[0].field", equalTo("lines[0].quantityT"));
        surrender(borrower, 2023, 20).statusCode(201).body("compliance.borrowedUsedT", equalTo(0));
        // for 2022, only from the restricted units borrowed for 2022
        surrender(borrower, 2022, 100).statusCode(201).body("compliance.borrowedUsedT", equalTo(100));
        assertThat(List.of(fixture.free(borrower, "2023"), fixture.restricted(borrower, "2023")))
                .as(order).containsExactly(30L, 200L);
        given().auth().oauth2(Tokens.registry()).queryParam("cycle", "2021-2022")
                .get("/api/surrender/compliance/" + borrower).then().statusCode(200)
                .body("years.find { it.complianceYear == 2022 }.borrowedUsedT", equalTo(100))
                .body("years.find { it.complianceYear == 2022 }.surrenderedT", equalTo(100));
        given().auth().oauth2(Tokens.registry()).queryParam("cycle", "2023")
                .get("/api/surrender/compliance/" + borrower).then().statusCode(200)
                .body("years.find { it.complianceYear == 2023 }.borrowedUsedT", equalTo(0))
                .body("years.find { it.complianceYear == 2023 }.surrenderedT", equalTo(20));

        // frozen by a court: the forced surrender for 2023 draws the free 2023 units and leaves the borrowed ones
        freeze(borrower);
        String forced = given().auth().oauth2(Tokens.province(PROVINCE)).contentType(ContentType.JSON)
                .body(Map.of("uscc", borrower, "cycle", "2023")).post("/api/surrender/forced-surrenders")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.registryApprover()).post("/api/surrender/forced-surrenders/" + forced + "/execute")
                .then().statusCode(200).body("status", equalTo("EXECUTED"));
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/forced-surrenders/" + forced).then().statusCode(200)
                .body("years[0].surrenderedT", equalTo(30)).body("years[0].shortfallT", equalTo(950));
        assertThat(List.of(fixture.free(borrower, "2023"), fixture.restricted(borrower, "2023")))
                .as(order).containsExactly(0L, 200L);
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/ledger/reconciliation").then().statusCode(200)
                .body("passed", equalTo(true));
    }

    private static ValidatableResponse settle(String seller, String buyer, long quantity) {
        return given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON)
                .body(Map.of("tradeId", "T-" + UUID.randomUUID(), "sellerUscc", seller, "buyerUscc", buyer,
                        "vintage", "2023", "quantityT", quantity))
                .post("/api/surrender/settlements").then();
    }

    private static ValidatableResponse surrender(String uscc, int year, long quantity) {
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", year,
                        "lines", List.of(Map.of("vintage", "2023", "quantityT", quantity))))
                .post("/api/surrender/surrenders").then();
    }

    /** Requested by one registry officer, approved by another. */
    private static void freeze(String uscc) {
        String id = given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("reason", "诉讼财产保全", "courtDocument", "(2023)湘01执" + uscc.substring(12) + "号"))
                .post("/api/surrender/accounts/" + uscc + "/freezes").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.registryApprover()).post("/api/surrender/freezes/" + id + "/approve").then()
                .statusCode(200).body("status", equalTo("ACTIVE"));
    }

    /** Publishes {@code document} as the next version of its rulebook and waits until the ledger applies it. */
    private void publish(ObjectNode document, int year) {
        int next = rulebooks.forYear(year).orElseThrow().version() + 1;
        document.put("version", next);
        TestEvents.rulebookPublished(document, "registry.test").forEach(e -> KafkaTestClient.send(Topics.RULEBOOKS, e));
        await().atMost(Duration.ofSeconds(30)).until(() -> rulebooks.forYear(year).orElseThrow().version() == next);
    }
}
