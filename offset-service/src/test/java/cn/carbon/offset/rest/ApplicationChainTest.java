package cn.carbon.offset.rest;

import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.carbon.offset.Offsets.applications;
import static cn.carbon.offset.Offsets.applied;
import static cn.carbon.offset.Offsets.apply;
import static cn.carbon.offset.Offsets.approve;
import static cn.carbon.offset.Offsets.changeObligation;
import static cn.carbon.offset.Offsets.confirm;
import static cn.carbon.offset.Offsets.entity;
import static cn.carbon.offset.Offsets.evidenced;
import static cn.carbon.offset.Offsets.firstCycleLot;
import static cn.carbon.offset.Offsets.headroom;
import static cn.carbon.offset.Offsets.line;
import static cn.carbon.offset.Offsets.lot;
import static cn.carbon.offset.Offsets.lotView;
import static cn.carbon.offset.Offsets.offset;
import static cn.carbon.offset.Offsets.review;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The three-party chain and the 5 % cap per entity and year, end to end over HTTP. */
@QuarkusTest
class ApplicationChainTest {

    static final String JS = "320000";

    /**
     * RULES.md §12 E7: obligations 2,000,000 (2021) and 1,800,000 (2022) give caps of 100,000 and 90,000; 140,000
     * eligible old CCER and 30,000 first-cycle leftovers (approved on application); all 170,000 against 2021 is
     * refused by 70,000; 2021 takes 30,000 leftovers + 70,000 old, 2022 the remaining 70,000.
     */
    @Test
    void workedExampleE7() {
        String uscc = entity(JS, 2_000_000, 1_800_000);
        String old = lot(uscc, 140_000);
        String leftover = firstCycleLot(uscc, 30_000);

        apply(uscc, 2021, line(old, 140_000), evidenced(leftover, 30_000)).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/offset-cap-exceeded"))
                .body("errors[0].field", equalTo("quantityT"))
                .body("errors[0].message", containsString("cap of 100000 t by 70000 t"));

        String for2021 = offset(uscc, JS, 2021, evidenced(leftover, 30_000), line(old, 70_000));
        String for2022 = offset(uscc, JS, 2022, line(old, 70_000));

        JsonPath h2021 = headroom(uscc, 2021);
        assertThat(h2021.getLong("capT")).isEqualTo(100_000);
        assertThat(h2021.getLong("usedT")).isEqualTo(100_000);
        assertThat(h2021.getLong("remainingT")).isZero();
        JsonPath h2022 = headroom(uscc, 2022);
        assertThat(h2022.getLong("capT")).isEqualTo(90_000);
        assertThat(h2022.getLong("usedT")).isEqualTo(70_000);
        assertThat(h2022.getLong("remainingT")).isEqualTo(20_000);

        // a year's cap never serves the other year: 2022 has 20,000 left, 2021 takes no more
        String more = lot(uscc, 20_000);
        apply(uscc, 2021, line(more, 1)).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/offset-cap-exceeded"));
        applied(uscc, 2022, line(more, 20_000));

        assertThat(lotView(old).getLong("cancelledT")).isEqualTo(140_000);
        assertThat(lotView(old).getLong("availableT")).isZero();
        assertThat(lotView(leftover).getLong("cancelledT")).isEqualTo(30_000);
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/offsets/applications/" + for2021).then().statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("quantityT", equalTo(100_000))
                .body("lots.lotId", contains(leftover, old))
                .body("lots[0].firstCycleEvidence", containsString("first-cycle"))
                .body("capChecks.step", contains("APPLICATION", "REVIEW", "CONFIRMATION"))
                .body("capChecks[2].capT", equalTo(100_000))
                .body("capChecks[2].rulebookVersion", equalTo(1));
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/offsets/applications/" + for2022).then()
                .body("status", equalTo("CONFIRMED")).body("complianceYear", equalTo(2022));
    }

    @Test
    void exactlyTheCapIsAcceptedAndTheCapPlusOneTonneIsRefused() {
        // 5 % of 1,000,019 = 50,000.95 → 50,000 (rounded down)
        String uscc = entity(JS, 1_000_019, 1_000_019);
        String lot = lot(uscc, 60_000);
        apply(uscc, 2021, line(lot, 50_001)).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/offset-cap-exceeded"))
                .body("errors[0].message", containsString("by 1 t"));
        assertThat(lotView(lot).getLong("reservedT")).isZero();
        assertThat(applications(uscc)).isZero();

        String atCap = applied(uscc, 2021, line(lot, 50_000));
        JsonPath h = headroom(uscc, 2021);
        assertThat(h.getLong("capT")).isEqualTo(50_000);
        assertThat(h.getLong("pendingT")).isEqualTo(50_000);
        assertThat(h.getLong("remainingT")).isZero();
        // pending counts: one more tonne is refused while the first waits for review
        apply(uscc, 2021, line(lot, 1)).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/offset-cap-exceeded"));
        approve(atCap, JS);
        confirm(atCap).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertThat(headroom(uscc, 2021).getLong("usedT")).isEqualTo(50_000);
        apply(uscc, 2021, line(lot, 1)).then().statusCode(422);
    }

    @Test
    void anObligationFallingBetweenReviewAndConfirmationStopsTheConfirmation() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 50_000);
        String id = applied(uscc, 2021, line(lot, 50_000));
        approve(id, JS);

        changeObligation(uscc, JS, 2021, 900_000); // cap 45,000 now
        JsonPath h = headroom(uscc, 2021);
        assertThat(h.getLong("capT")).isEqualTo(45_000);
        assertThat(h.getLong("exceededByT")).isEqualTo(5_000);

        confirm(id).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/offset-cap-exceeded"))
                .body("errors[0].message", containsString("cap of 45000 t by 5000 t"));
        // nothing changed: still approved, nothing cancelled, nothing credited
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/applications/" + id).then()
                .body("status", equalTo("APPROVED")).body("confirmedBy", nullValue());
        assertThat(lotView(lot).getLong("cancelledT")).isZero();
        assertThat(lotView(lot).getLong("reservedT")).isEqualTo(50_000);
        assertThat(headroom(uscc, 2021).getLong("usedT")).isZero();

        // the entity withdraws and applies again within the new cap
        given().auth().oauth2(Tokens.entity(uscc)).post("/api/offsets/applications/" + id + "/withdraw")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        assertThat(lotView(lot).getLong("reservedT")).isZero();
        offset(uscc, JS, 2021, line(lot, 45_000));
        assertThat(headroom(uscc, 2021).getLong("usedT")).isEqualTo(45_000);
    }

    @Test
    void anObligationFallingBeforeReviewStopsTheApprovalButNotARejection() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 50_000);
        String id = applied(uscc, 2022, line(lot, 50_000));
        changeObligation(uscc, JS, 2022, 999_999); // cap 49,999
        review(id, JS, "APPROVE", null).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/offset-cap-exceeded"));
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/applications/" + id).then()
                .body("status", equalTo("PENDING_REVIEW")).body("reviewedBy", nullValue());
        review(id, JS, "REJECT", "exceeds the 2022 cap after the verified emissions were corrected")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        assertThat(lotView(lot).getLong("reservedT")).isZero();
    }

    @Test
    void aRejectionNeedsACommentAndFreesTheLot() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 10_000);
        String id = applied(uscc, 2021, line(lot, 10_000));
        assertThat(lotView(lot).getLong("reservedT")).isEqualTo(10_000);
        review(id, JS, "REJECT", null).then().statusCode(400)
                .body("errors[0].field", equalTo("comment"));
        review(id, JS, "REJECT", "   ").then().statusCode(400);
        review(id, JS, "REJECT", "paper form missing").then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("reviewComment", equalTo("paper form missing"))
                .body("reviewedBy", equalTo("province." + JS + ".reviewer"));
        assertThat(lotView(lot).getLong("reservedT")).isZero();
        assertThat(headroom(uscc, 2021).getLong("pendingT")).isZero();
        confirm(id).then().statusCode(409).body("type", equalTo("https://carbon.example/problems/application-not-approved"));
        review(id, JS, "APPROVE", null).then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/application-not-pending-review"));
    }

    @Test
    void confirmationBeforeReviewIsRefused() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String id = applied(uscc, 2021, line(lot(uscc, 100), 100));
        confirm(id).then().statusCode(409).body("type", equalTo("https://carbon.example/problems/application-not-approved"));
    }

    /** The four-eyes rule: nobody approves what they initiated; the person who reviewed does not confirm. */
    @Test
    void fourEyes() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String id = applied(uscc, 2021, line(lot(uscc, 1_000), 1_000));
        String applicant = "entity." + uscc;

        // the applicant, even holding a province role, may not review its own application
        given().auth().oauth2(Tokens.token(applicant, "province", Map.of("province_code", JS)))
                .contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .post("/api/offsets/applications/" + id + "/review").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/four-eyes"));

        String officer = "shared.officer";
        given().auth().oauth2(Tokens.token(officer, "province", Map.of("province_code", JS)))
                .contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .post("/api/offsets/applications/" + id + "/review").then().statusCode(200);
        // the reviewer may not confirm, nor may the applicant
        given().auth().oauth2(Tokens.token(officer, "registry", Map.of()))
                .post("/api/offsets/applications/" + id + "/confirm").then().statusCode(403)
                .body("type", equalTo("https://carbon.example/problems/four-eyes"))
                .body("detail", containsString("reviewed"));
        given().auth().oauth2(Tokens.token(applicant, "registry", Map.of()))
                .post("/api/offsets/applications/" + id + "/confirm").then().statusCode(403)
                .body("detail", containsString("initiated"));
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/applications/" + id).then()
                .body("status", equalTo("APPROVED"));
        // a third person confirms
        given().auth().oauth2(Tokens.registryApprover()).post("/api/offsets/applications/" + id + "/confirm")
                .then().statusCode(200).body("confirmedBy", equalTo("registry.approver"))
                .body("reviewedBy", equalTo(officer)).body("appliedBy", equalTo(applicant));
    }

    /** Partial use splits a lot deterministically: cancelled parts <lotId>/1, /2… in order, the rest stays frozen. */
    @Test
    void partialUseSplitsTheLot() {
        String uscc = entity(JS, 2_000_000, 2_000_000);
        String lot = lot(uscc, 1_000);
        String first = offset(uscc, JS, 2021, line(lot, 300));
        String second = offset(uscc, JS, 2022, line(lot, 200));
        JsonPath view = lotView(lot);
        assertThat(view.getLong("quantityT")).isEqualTo(1_000);
        assertThat(view.getLong("cancelledT")).isEqualTo(500);
        assertThat(view.getLong("availableT")).isEqualTo(500);
        assertThat(view.getList("cancellations.cancellationId")).containsExactly(lot + "/1", lot + "/2");
        assertThat(view.getList("cancellations.quantityT", Long.class)).containsExactly(300L, 200L);
        assertThat(view.getList("cancellations.applicationId")).containsExactly(first, second);
        assertThat(view.getList("cancellations.complianceYear", Integer.class)).containsExactly(2021, 2022);
        apply(uscc, 2021, line(lot, 501)).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/lot-quantity-exceeded"));
        applied(uscc, 2021, line(lot, 500));
    }

    @Test
    void aWithdrawnOrConfirmedApplicationCannotBeWithdrawn() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String id = offset(uscc, JS, 2021, line(lot(uscc, 100), 100));
        given().auth().oauth2(Tokens.entity(uscc)).post("/api/offsets/applications/" + id + "/withdraw")
                .then().statusCode(409).body("type", equalTo("https://carbon.example/problems/application-closed"));
    }

    @Test
    void listsAreScopedAndFiltered() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 1_000);
        applied(uscc, 2021, line(lot, 100));
        applied(uscc, 2022, line(lot, 100));
        given().auth().oauth2(Tokens.entity(uscc)).queryParam("complianceYear", 2022).get("/api/offsets/applications")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].complianceYear", equalTo(2022));
        given().auth().oauth2(Tokens.province(JS)).queryParam("uscc", uscc).queryParam("status", "PENDING_REVIEW")
                .get("/api/offsets/applications").then().statusCode(200).body("total", equalTo(2));
        given().auth().oauth2(Tokens.province("440000")).queryParam("uscc", uscc).get("/api/offsets/applications")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(Tokens.entity(uscc)).get("/api/offsets/ccer-lots").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].reservedT", equalTo(200));
        given().auth().oauth2(Tokens.registry()).queryParam("status", "NOPE").get("/api/offsets/applications")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }
}
