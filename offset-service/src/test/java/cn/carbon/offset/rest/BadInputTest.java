package cn.carbon.offset.rest;

import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.offset.rulebook.ShippedRulebook;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.carbon.offset.Offsets.CYCLE;
import static cn.carbon.offset.Offsets.applications;
import static cn.carbon.offset.Offsets.apply;
import static cn.carbon.offset.Offsets.entity;
import static cn.carbon.offset.Offsets.evidenced;
import static cn.carbon.offset.Offsets.firstCycleLot;
import static cn.carbon.offset.Offsets.headroom;
import static cn.carbon.offset.Offsets.line;
import static cn.carbon.offset.Offsets.lot;
import static cn.carbon.offset.Offsets.lotBody;
import static cn.carbon.offset.Offsets.lotView;
import static cn.carbon.offset.Offsets.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Each bad application is refused with a named problem and changes nothing. */
@QuarkusTest
class BadInputTest {

    static final String JS = "320000";
    static final String PROBLEMS = "https://carbon.example/problems/";
    static boolean worldBuilt;
    static String uscc;
    static String good;

    /** Once per class, but after Quarkus has pointed RestAssured at the test port (not so in @BeforeAll). */
    @BeforeEach
    void world() {
        if (worldBuilt) {
            return;
        }
        worldBuilt = true;
        uscc = entity(JS, 1_000_000, 1_000_000);
        good = lot(uscc, 10_000);
    }

    private static ValidatableResponse refused(ValidatableResponse response, int status, String problem) {
        return response.statusCode(status).contentType(startsWith("application/problem+json"))
                .body("type", equalTo(PROBLEMS + problem)).body("status", equalTo(status));
    }

    /** No application, no reservation, nothing pending. */
    private static void nothingChanged(String... lots) {
        assertThat(applications(uscc)).isZero();
        assertThat(headroom(uscc, 2021).getLong("pendingT")).isZero();
        assertThat(headroom(uscc, 2022).getLong("pendingT")).isZero();
        for (String lot : lots) {
            assertThat(lotView(lot).getLong("reservedT")).as(lot).isZero();
        }
        assertThat(lotView(good).getLong("reservedT")).isZero();
    }

    @Test
    void aProjectInsideTheNationalEtsCoverageIsIneligible() {
        Map<String, Object> body = lotBody(uscc, 5_000);
        body.put("insideNationalEtsCoverage", true);
        String covered = register(body);
        refused(apply(uscc, 2021, line(good, 1_000), line(covered, 1_000)).then(), 422, "ccer-ineligible")
                .body("errors[0].field", equalTo("lots[1].lotId"))
                .body("errors[0].message", containsString("PROJECT_INSIDE_NATIONAL_ETS_COVERAGE"));
        nothingChanged(covered);
    }

    @Test
    void aCcerFiledOnOrAfterTheRulebooksDateIsIneligible() {
        Map<String, Object> body = lotBody(uscc, 5_000);
        body.put("filedOn", "2017-03-14");
        String recent = register(body);
        refused(apply(uscc, 2021, line(recent, 1_000)).then(), 422, "ccer-ineligible")
                .body("errors[0].field", equalTo("lots[0].lotId"))
                .body("errors[0].message", containsString("FILED_TOO_LATE"));
        nothingChanged(recent);
    }

    @Test
    void firstCycleLeftoversWithoutEvidenceAreIneligible() {
        String leftover = firstCycleLot(uscc, 5_000);
        refused(apply(uscc, 2021, line(leftover, 1_000)).then(), 422, "ccer-ineligible")
                .body("errors[0].field", equalTo("lots[0].firstCycleEvidence"))
                .body("errors[0].message", containsString("FIRST_CYCLE_EVIDENCE_MISSING"));
        nothingChanged(leftover);
        // with its evidence the same kind of lot is accepted (another entity, so this one stays untouched)
        String other = entity(JS, 1_000_000, 1_000_000);
        apply(other, 2021, evidenced(firstCycleLot(other, 5_000), 1_000)).then().statusCode(201)
                .body("lots[0].firstCycleEvidence", containsString("first-cycle"));
    }

    @Test
    void aLotOfAnotherEntityIsNotHeldAndReadsLikeNoLotAtAll() {
        String other = entity(JS, 1_000_000, 1_000_000);
        String theirs = lot(other, 5_000);
        String theirMessage = refused(apply(uscc, 2021, line(theirs, 1_000)).then(), 422, "lot-not-held")
                .body("errors[0].field", equalTo("lots[0].lotId"))
                .extract().path("errors[0].message");
        String noneMessage = refused(apply(uscc, 2021, line("LOT-NEVER-REGISTERED", 1_000)).then(), 422, "lot-not-held")
                .extract().path("errors[0].message");
        // the same words for both: the answer does not reveal that the other entity's lot exists
        assertThat(theirMessage.replace(theirs, "X")).isEqualTo(noneMessage.replace("LOT-NEVER-REGISTERED", "X"));
        assertThat(lotView(theirs).getLong("reservedT")).isZero();
        nothingChanged();
    }

    @Test
    void aQuantityLargerThanTheLotIsRefused() {
        refused(apply(uscc, 2021, line(good, 10_001)).then(), 422, "lot-quantity-exceeded")
                .body("errors[0].field", equalTo("lots[0].quantityT"))
                .body("errors[0].message", containsString("10000 t available"));
        nothingChanged();
    }

    @Test
    void aYearOutsideTheCycleIsRefused() {
        refused(apply(uscc, 2023, line(good, 1_000)).then(), 422, "year-outside-cycle")
                .body("errors[0].field", equalTo("complianceYear"));
        refused(apply(uscc, 2020, line(good, 1_000)).then(), 422, "year-outside-cycle");
        nothingChanged();
    }

    @Test
    void anUnknownCycleIsRefused() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", "2041-2042");
        body.put("complianceYear", 2041);
        body.put("lots", List.of(line(good, 1_000)));
        refused(given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON).body(body)
                .post("/api/offsets/applications").then(), 422, "unknown-cycle")
                .body("errors[0].field", equalTo("cycle"));
        nothingChanged();
    }

    @Test
    void aYearWithoutAKnownObligationIsRefused() {
        String only2021 = entity(JS, Map.of(2021, 1_000_000L));
        String lot = lot(only2021, 1_000);
        refused(apply(only2021, 2022, line(lot, 100)).then(), 422, "obligation-unknown")
                .body("errors[0].field", equalTo("complianceYear"));
        assertThat(lotView(lot).getLong("reservedT")).isZero();
    }

    @Test
    void malformedApplicationsNameTheirFields() {
        refused(apply(uscc, 2021, line(good, 0), line(good, -5)).then(), 400, "invalid-request")
                .body("errors.field", hasItems("lots[0].quantityT", "lots[1].quantityT", "lots[1].lotId"));
        refused(apply(uscc, 2021).then(), 400, "invalid-request").body("errors[0].field", equalTo("lots"));
        Map<String, Object> noYear = new LinkedHashMap<>();
        noYear.put("lots", List.of(line(good, 1)));
        refused(given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON).body(noYear)
                .post("/api/offsets/applications").then(), 400, "invalid-request")
                .body("errors.field", containsInAnyOrder("cycle", "complianceYear"));
        // a truncated body: 400 problem+json (Quarkus reports it before Jackson names a field)
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON).body("{\"cycle\": ")
                .post("/api/offsets/applications").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        refused(apply(uscc, "twenty", line(good, 1)).then(), 400, "malformed-body")
                .body("errors[0].field", equalTo("complianceYear"));
        refused(apply(uscc, 2021, line(good, Long.MAX_VALUE), line(lot(uscc, 1), Long.MAX_VALUE)).then(), 400,
                "invalid-request");
        nothingChanged();
    }

    @Test
    void applicationsBeforeTheWindowOpensAreRefused() {
        // a later cycle whose window opens in 2031 (the test's business clock is in September 2023)
        loadRulebook("2031-2032", "2031-08-14", "2031-12-15", "2032-12-31");
        refused(applyFor("2031-2032", 2031).then(), 422, "offset-window-not-open")
                .body("errors[0].field", equalTo("cycle"))
                .body("detail", containsString("2031-08-14"));
        nothingChanged();
    }

    @Test
    void applicationsAfterTheDeadlineAreRefused() {
        loadRulebook("2011-2012", "2013-08-14", "2013-12-15", "2014-12-31");
        refused(applyFor("2011-2012", 2012).then(), 422, "application-deadline-passed")
                .body("detail", containsString("2013-12-15"));
        nothingChanged();
    }

    @Test
    void badLotsAreRefusedWithNamedFields() {
        Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("lotId", "bad/id");
        empty.put("firstCycleCancelledUnused", true);
        refused(given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(empty)
                .post("/api/offsets/ccer-lots").then(), 400, "invalid-request")
                .body("errors.field", containsInAnyOrder("lotId", "uscc", "projectId", "projectType", "quantityT",
                        "insideNationalEtsCoverage", "filedOn", "firstCycleCancellationRef"));

        Map<String, Object> stranger = lotBody(TestUscc.next(JS), 100);
        refused(given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(stranger)
                .post("/api/offsets/ccer-lots").then(), 422, "unknown-entity")
                .body("errors[0].field", equalTo("uscc"));

        Map<String, Object> again = lotBody(uscc, 100);
        again.put("lotId", good);
        refused(given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(again)
                .post("/api/offsets/ccer-lots").then(), 409, "lot-exists");
        assertThat(lotView(good).getLong("quantityT")).isEqualTo(10_000);
        given().auth().oauth2(Tokens.registry()).queryParam("uscc", stranger.get("uscc")).get("/api/offsets/ccer-lots")
                .then().statusCode(200).body("total", equalTo(0)).body("items.lotId", not(hasItems(stranger.get("lotId"))));
    }

    /** PostgreSQL refuses NUL: the platform answers 400 naming the field before it gets there (issue 14, item 9). */
    @Test
    void aNulInALotOrInTheQueryIsNamed() {
        Map<String, Object> body = lotBody(uscc, 100);
        body.put("projectId", "CCER-\u0000-1");
        refused(given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(body)
                .post("/api/offsets/ccer-lots").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("projectId"));
        given().auth().oauth2(Tokens.registry()).queryParam("province", "\u0000").get("/api/offsets/ccer-lots")
                .then().statusCode(400).body("errors[0].field", equalTo("province"));
        given().auth().oauth2(Tokens.registry()).queryParam("uscc", body.get("uscc")).get("/api/offsets/ccer-lots")
                .then().statusCode(200).body("items.lotId", not(hasItems(body.get("lotId"))));
    }

    private static io.restassured.response.Response applyFor(String cycle, int year) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", cycle);
        body.put("complianceYear", year);
        body.put("lots", List.of(line(good, 1_000)));
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON).body(body)
                .post("/api/offsets/applications");
    }

    /** Publishes the rules of another cycle (the shipped ones moved to its years) with the given dates. */
    static void loadRulebook(String cycle, String opens, String due, String usableUntil) {
        ObjectNode doc = ShippedRulebook.shifted(Integer.parseInt(cycle.substring(0, 4)) - 2021, 1);
        ShippedRulebooks.at(doc, "/deadlines/ccerOffsetOpens").put("value", opens);
        ShippedRulebooks.at(doc, "/deadlines/ccerPaperForms").put("value", due);
        ShippedRulebooks.at(doc, "/deadlines/oldCcerUsableUntil").put("value", usableUntil);
        ShippedRulebook.publish(doc);
    }
}
