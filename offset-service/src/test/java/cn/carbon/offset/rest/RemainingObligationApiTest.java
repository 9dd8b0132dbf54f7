package cn.carbon.offset.rest;

import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static cn.carbon.offset.Offsets.applications;
import static cn.carbon.offset.Offsets.applied;
import static cn.carbon.offset.Offsets.apply;
import static cn.carbon.offset.Offsets.approve;
import static cn.carbon.offset.Offsets.confirm;
import static cn.carbon.offset.Offsets.entity;
import static cn.carbon.offset.Offsets.headroom;
import static cn.carbon.offset.Offsets.line;
import static cn.carbon.offset.Offsets.lot;
import static cn.carbon.offset.Offsets.lotView;
import static cn.carbon.offset.Offsets.offset;
import static cn.carbon.offset.Offsets.review;
import static cn.carbon.offset.Offsets.surrendered;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Offsets never exceed what is owed: obligation − surrendered (registry) − offsets confirmed or pending here. */
@QuarkusTest
class RemainingObligationApiTest {

    static final String JS = "320000";
    static final String TYPE = "https://carbon.example/problems/offset-exceeds-remaining-obligation";

    @Test
    void anEntityThatSurrenderedItsWholeObligationCannotApplyForOffsets() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 50_000);
        surrendered(uscc, JS, 2021, 1_000_000, 1_000_000, 0);

        apply(uscc, 2021, line(lot, 50_000)).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(TYPE))
                .body("detail", containsString("more than the 0 t still owed"))
                .body("errors[0].field", equalTo("quantityT"))
                .body("complianceYear", equalTo(2021))
                .body("requestedT", equalTo(50_000))
                .body("remainingObligationT", equalTo(0))
                .body("obligationT", equalTo(1_000_000))
                .body("surrenderedT", equalTo(1_000_000))
                .body("offsetsConfirmedT", equalTo(0))
                .body("offsetsCreditedT", equalTo(0))
                .body("offsetsPendingT", equalTo(0));
        // nothing changed: no application, nothing reserved
        assertThat(applications(uscc)).isZero();
        assertThat(lotView(lot).getLong("reservedT")).isZero();
        // the other year is untouched: its own obligation is still owed
        applied(uscc, 2022, line(lot, 50_000));
    }

    @Test
    void exactlyWhatRemainsIsAcceptedAndPendingApplicationsCount() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 50_000);
        surrendered(uscc, JS, 2021, 1_000_000, 980_000, 0);
        JsonPath h = headroom(uscc, 2021);
        assertThat(h.getLong("surrenderedT")).isEqualTo(980_000);
        assertThat(h.getLong("remainingObligationT")).isEqualTo(20_000);
        assertThat(h.getLong("remainingT")).isEqualTo(50_000); // the cap alone would allow more

        apply(uscc, 2021, line(lot, 20_001)).then().statusCode(422).body("type", equalTo(TYPE))
                .body("remainingObligationT", equalTo(20_000)).body("requestedT", equalTo(20_001));
        String id = applied(uscc, 2021, line(lot, 20_000));
        apply(uscc, 2021, line(lot, 1)).then().statusCode(422).body("type", equalTo(TYPE))
                .body("offsetsPendingT", equalTo(20_000)).body("remainingObligationT", equalTo(0));
        approve(id, JS);
        confirm(id).then().statusCode(200).body("status", equalTo("CONFIRMED"))
                .body("capChecks[2].step", equalTo("CONFIRMATION"))
                .body("capChecks[2].surrenderedT", equalTo(980_000))
                .body("capChecks[2].remainingObligationT", equalTo(20_000));
        assertThat(headroom(uscc, 2021).getLong("remainingObligationT")).isZero();
    }

    @Test
    void aSurrenderBetweenReviewAndConfirmationStopsTheConfirmationWithTheFigures() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 30_000);
        String id = applied(uscc, 2021, line(lot, 30_000));
        approve(id, JS);
        surrendered(uscc, JS, 2021, 1_000_000, 990_000, 0);

        confirm(id).then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("type", equalTo(TYPE))
                .body("requestedT", equalTo(30_000))
                .body("remainingObligationT", equalTo(10_000))
                .body("obligationT", equalTo(1_000_000))
                .body("surrenderedT", equalTo(990_000))
                .body("offsetsPendingT", equalTo(0))
                .body("offsetsConfirmedT", equalTo(0));
        // nothing changed: still approved, nothing cancelled
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/applications/" + id).then()
                .body("status", equalTo("APPROVED"));
        assertThat(lotView(lot).getLong("cancelledT")).isZero();
        assertThat(lotView(lot).getLong("reservedT")).isEqualTo(30_000);
        assertThat(headroom(uscc, 2021).getLong("usedT")).isZero();
    }

    @Test
    void aSurrenderBeforeReviewStopsTheApproval() {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String id = applied(uscc, 2022, line(lot(uscc, 5_000), 5_000));
        surrendered(uscc, JS, 2022, 1_000_000, 999_000, 0);
        review(id, JS, "APPROVE", null).then().statusCode(422).body("type", equalTo(TYPE))
                .body("remainingObligationT", equalTo(1_000));
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/applications/" + id).then()
                .body("status", equalTo("PENDING_REVIEW"));
    }

    @Test
    void offsetsConfirmedHereAndCreditedByTheLedgerAreCountedOnce() {
        String uscc = entity(JS, 2_000_000, 2_000_000); // cap 100,000: only what is owed limits here
        String lot = lot(uscc, 60_000);
        offset(uscc, JS, 2021, line(lot, 40_000));
        // the ledger credited those 40,000 and the entity surrendered 1,950,000: 10,000 remain, not −30,000
        surrendered(uscc, JS, 2021, 2_000_000, 1_950_000, 40_000);
        apply(uscc, 2021, line(lot, 10_001)).then().statusCode(422).body("type", equalTo(TYPE))
                .body("offsetsConfirmedT", equalTo(40_000)).body("offsetsCreditedT", equalTo(40_000))
                .body("remainingObligationT", equalTo(10_000));
        applied(uscc, 2021, line(lot, 10_000));
    }
}
