package cn.carbon.offset.rest;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.OffsetEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.offset.Offsets;
import cn.carbon.offset.rulebook.ShippedRulebook;
import cn.carbon.platform.time.BusinessClock;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.carbon.offset.Offsets.approve;
import static cn.carbon.offset.Offsets.confirm;
import static cn.carbon.offset.Offsets.line;
import static cn.carbon.offset.Offsets.lotView;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Old and new CCER (RULES-2023-2025.md D12, N16, N17) under the shipped 2023 and 2024 rulebooks, on the business
 * clock of each season: old CCER for the 2023 obligation until 2024-12-31, new CCER only where the year's rulebook
 * accepts it (2024), both within one 5 % cap.
 */
@QuarkusTest
@TestProfile(NewCcerTest.MovableClock.class)
class NewCcerTest {

    /** The business clock moves between the 2023 season (late 2024) and the 2024 season (2025). */
    public static class MovableClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("carbon.clock.adjustable", "true");
        }
    }

    static final String JS = "320000";
    /** The 2023 window: after 2024-10-15, by 2024-12-15 (shipped 2023 rulebook). */
    static final String SEASON_2023 = "2024-11-05T10:00:00+08:00";
    /** The 2024 window: after 2025-03-06, by 2025-12-15 (shipped 2024 rulebook); old CCER expired on 2024-12-31. */
    static final String SEASON_2024 = "2025-04-01T10:00:00+08:00";

    @Inject
    BusinessClock clock;

    @Test
    void aNewCcerLotIsRefusedForThe2023ObligationAndOffsetsThe2024One() {
        ShippedRulebook.publish(ShippedRulebooks.tree(ShippedRulebooks.FOLDER + "CN-ETS-2024.json"));
        String uscc = entity(Map.of(2023, "2023", 2024, "2024"), 1_000_000);
        String fresh = lot(uscc, 30_000, "NEW_CCER", "2025-03-20");
        String old = lot(uscc, 10_000, null, Offsets.OLD_FILING);
        assertThat(lotView(fresh).getString("scheme")).isEqualTo("NEW_CCER");
        assertThat(lotView(old).getString("scheme")).as("absent = old CCER").isEqualTo("OLD_CCER");

        at(SEASON_2023);
        apply(uscc, "2023", 2023, line(fresh, 20_000)).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/ccer-scheme-not-accepted"))
                .body("detail", containsString("CN-ETS-2023-power"))
                .body("errors[0].field", equalTo("lots[0].lotId"))
                .body("errors[0].message", startsWith("SCHEME_NOT_ACCEPTED: lot " + fresh));
        assertThat(lotView(fresh).getLong("reservedT")).isZero();
        // the same year takes old CCER
        apply(uscc, "2023", 2023, line(old, 10_000)).then().statusCode(201);

        at(SEASON_2024);
        String id = apply(uscc, "2024", 2024, line(fresh, 20_000)).then().statusCode(201).extract().path("id");
        approve(id, JS);
        confirm(id).then().statusCode(200).body("status", equalTo("CONFIRMED"))
                .body("lots[0].scheme", equalTo("NEW_CCER"));
        assertThat(lotView(fresh).getLong("cancelledT")).isEqualTo(20_000);
        JsonPath h = headroom(uscc, "2024", 2024);
        assertThat(h.getLong("usedT")).isEqualTo(20_000);
        assertThat(h.getLong("bySchemes.NEW_CCER.usedT")).isEqualTo(20_000);
        assertThat(h.getLong("bySchemes.OLD_CCER.usedT")).isZero();

        // the ledger is told which scheme it credits
        var published = KafkaTestClient.readAllOf(Topics.OFFSETS, uscc, Duration.ofSeconds(5));
        assertThat(published).hasSize(1);
        EventEnvelope event = KafkaTestClient.envelope(published.get(0));
        assertThat(event.cycle()).isEqualTo("2024");
        OffsetEvent data = KafkaTestClient.json().convertValue(event.data(), OffsetEvent.class);
        assertThat(data.complianceYear()).isEqualTo(2024);
        assertThat(data.lots()).extracting(OffsetEvent.LotUse::lotId, OffsetEvent.LotUse::scheme)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(fresh, OffsetEvent.NEW_CCER));
    }

    @Test
    void anOldCcerLotIsRefusedAfter2024ForThe2024Obligation() {
        String uscc = entity(Map.of(2024, "2024"), 1_000_000);
        String old = lot(uscc, 10_000, "OLD_CCER", Offsets.OLD_FILING);
        at(SEASON_2024);
        apply(uscc, "2024", 2024, line(old, 5_000)).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/ccer-ineligible"))
                .body("errors[0].field", equalTo("lots[0].lotId"))
                .body("errors[0].message", startsWith("NO_LONGER_USABLE: lot " + old));
        assertThat(lotView(old).getLong("reservedT")).isZero();
    }

    @Test
    void aNewCcerLotRegisteredBeforeTheMeasuresIsNotEligible() {
        String uscc = entity(Map.of(2024, "2024"), 1_000_000);
        String early = lot(uscc, 10_000, "NEW_CCER", "2023-10-19");
        at(SEASON_2024);
        apply(uscc, "2024", 2024, line(early, 5_000)).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/ccer-ineligible"))
                .body("errors[0].message", startsWith("REGISTERED_TOO_EARLY: lot " + early));
    }

    /**
     * A cycle whose rulebook accepts both schemes at once (the shipped 2021-2022 book moved by 17 years, new CCER
     * accepted): one cap of 5 % counts old and new together.
     */
    @Test
    void oldAndNewCcerShareOneCap() {
        ObjectNode doc = ShippedRulebook.shifted(17, 1);
        ObjectNode newCcer = ShippedRulebooks.at(doc, "/ccerOffset/newCcer");
        newCcer.putObject("value").put("accepted", true).put("registeredFrom", "2023-10-20");
        newCcer.put("confirmed", false).put("provisional", true);
        ShippedRulebook.publish(doc);
        String cycle = doc.get("cycle").asText();
        String uscc = entity(Map.of(2038, cycle), 1_000_000); // cap 50,000 t
        String old = lot(uscc, 40_000, "OLD_CCER", Offsets.OLD_FILING);
        String fresh = lot(uscc, 20_000, "NEW_CCER", "2025-03-20");
        at("2040-09-20T10:00:00+08:00");

        String first = apply(uscc, cycle, 2038, line(old, 40_000)).then().statusCode(201).extract().path("id");
        apply(uscc, cycle, 2038, line(fresh, 10_001)).then().statusCode(422)
                .body("type", equalTo("https://carbon.example/problems/offset-cap-exceeded"))
                .body("errors[0].message", containsString("cap of 50000 t by 1 t"));
        apply(uscc, cycle, 2038, line(fresh, 10_000)).then().statusCode(201);
        approve(first, JS);
        confirm(first).then().statusCode(200);

        JsonPath h = headroom(uscc, cycle, 2038);
        assertThat(h.getLong("capT")).isEqualTo(50_000);
        assertThat(h.getLong("usedT")).isEqualTo(40_000);
        assertThat(h.getLong("pendingT")).isEqualTo(10_000);
        assertThat(h.getLong("remainingT")).isZero();
        assertThat(h.getLong("bySchemes.OLD_CCER.usedT")).isEqualTo(40_000);
        assertThat(h.getLong("bySchemes.NEW_CCER.pendingT")).isEqualTo(10_000);
    }

    @Test
    void aBadSchemeIsRefusedNamingTheField() {
        String uscc = entity(Map.of(2024, "2024"), 1_000_000);
        Map<String, Object> body = Offsets.lotBody(uscc, 1_000);
        body.put("scheme", "CDM");
        register(body).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("scheme"))
                .body("errors[0].message", containsString("OLD_CCER"));
        Map<String, Object> leftover = Offsets.lotBody(uscc, 1_000);
        leftover.put("scheme", "NEW_CCER");
        leftover.put("firstCycleCancelledUnused", true);
        leftover.put("firstCycleCancellationRef", "CEA-2021-CANCEL-1");
        register(leftover).then().statusCode(400).body("errors[0].field", equalTo("firstCycleCancelledUnused"));
        given().auth().oauth2(Tokens.registry()).get("/api/offsets/ccer-lots/" + body.get("lotId")).then()
                .statusCode(404);
    }

    // --- the world of the test ---------------------------------------------------------------------------------

    private void at(String time) {
        clock.set(OffsetDateTime.parse(time).toInstant());
    }

    /** A new entity of Jiangsu with {@code obligationT} owed in each year (year → its cycle). */
    private static String entity(Map<Integer, String> cycles, long obligationT) {
        String uscc = TestUscc.next(JS);
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(uscc, JS));
        cycles.forEach((year, cycle) -> KafkaTestClient.send(Topics.OBLIGATIONS, EventEnvelope.of(ObligationEvent.SET,
                "allocation-service", uscc, cycle, KafkaTestClient.json().valueToTree(new ObligationEvent(uscc, JS,
                        cycle, year, obligationT, false, "OPERATING", "CN-ETS-" + cycle, 1)))));
        await().atMost(Duration.ofSeconds(30)).until(() -> Offsets.known(uscc)
                && cycles.keySet().stream().allMatch(y -> Offsets.obligationT(uscc, y) == obligationT));
        return uscc;
    }

    private static String lot(String uscc, long quantityT, String scheme, String filedOn) {
        Map<String, Object> body = Offsets.lotBody(uscc, quantityT);
        if (scheme != null) {
            body.put("scheme", scheme);
        }
        body.put("filedOn", filedOn);
        register(body).then().statusCode(201).body("scheme", equalTo(scheme == null ? "OLD_CCER" : scheme));
        return (String) body.get("lotId");
    }

    private static Response register(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(body)
                .post("/api/offsets/ccer-lots");
    }

    @SafeVarargs
    private static Response apply(String uscc, String cycle, int year, Map<String, Object>... lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", cycle);
        body.put("complianceYear", year);
        body.put("lots", List.of(lines));
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON).body(body)
                .post("/api/offsets/applications");
    }

    private static JsonPath headroom(String uscc, String cycle, int year) {
        return given().auth().oauth2(Tokens.registry()).queryParam("cycle", cycle).queryParam("complianceYear", year)
                .get("/api/offsets/entities/" + uscc + "/headroom").then().statusCode(200).extract().jsonPath();
    }
}
