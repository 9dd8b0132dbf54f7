package cn.carbon.offset;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.cap.Obligation;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestEvents;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The offset world of a test, built as the other services would: entities and obligations arrive on Kafka
 * (carbon.entities.v1, carbon.obligations.v1), lots are reported by the registry, applications go through the API.
 */
public final class Offsets {

    public static final String CYCLE = "2021-2022";
    public static final String OLD_FILING = "2015-06-30";
    private static final AtomicInteger LOTS = new AtomicInteger();

    private Offsets() {
    }

    /** A new entity of {@code province}, known here with the given obligations per year. */
    public static String entity(String province, Map<Integer, Long> obligations) {
        String uscc = TestUscc.next(province);
        KafkaTestClient.send(Topics.ENTITIES, TestEvents.entityRegistered(uscc, province));
        obligations.forEach((year, t) -> KafkaTestClient.send(Topics.OBLIGATIONS, obligationEvent(uscc, province, year, t)));
        await().atMost(Duration.ofSeconds(30)).until(() -> known(uscc)
                && obligations.entrySet().stream().allMatch(e -> obligationT(uscc, e.getKey()) == e.getValue()));
        return uscc;
    }

    public static String entity(String province, long obligation2021, long obligation2022) {
        Map<Integer, Long> obligations = new LinkedHashMap<>();
        obligations.put(2021, obligation2021);
        obligations.put(2022, obligation2022);
        return entity(province, obligations);
    }

    /** allocation-service changes the year's obligation; returns once this service applied it. */
    public static void changeObligation(String uscc, String province, int year, long obligationT) {
        KafkaTestClient.send(Topics.OBLIGATIONS, obligationEvent(uscc, province, year, obligationT));
        await().atMost(Duration.ofSeconds(30)).until(() -> obligationT(uscc, year) == obligationT);
    }

    public static EventEnvelope obligationEvent(String uscc, String province, int year, long obligationT) {
        return EventEnvelope.of(ObligationEvent.SET, "allocation-service", uscc, CYCLE, KafkaTestClient.json()
                .valueToTree(new ObligationEvent(uscc, province, CYCLE, year, obligationT, false, "OPERATING",
                        "CN-ETS-2021-2022-power", 1)));
    }

    public static boolean known(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> KnownEntity.findById(uscc) != null);
    }

    public static long obligationT(String uscc, int year) {
        return QuarkusTransaction.requiringNew().call(() -> Obligation.of(uscc, year).map(o -> o.obligationT).orElse(-1L));
    }

    // --- the registry's compliance record (carbon.compliance.v1) -----------------------------------------------------

    /** surrender-service's record of the year after a change, at {@code time}. */
    public static EventEnvelope complianceEvent(String uscc, String province, int year, long obligationT,
                                                long surrenderedT, long offsetT, Instant time) {
        long remaining = Math.max(0, obligationT - surrenderedT - offsetT);
        return new EventEnvelope(UUID.randomUUID(), ComplianceEvent.CHANGED, "surrender-service", time, uscc, CYCLE,
                KafkaTestClient.json().valueToTree(new ComplianceEvent(uscc, province, CYCLE, year, obligationT,
                        surrenderedT, offsetT, 0, remaining, 0, remaining == 0 ? "COMPLIANT" : "OPEN", null, null)));
    }

    /** The registry reports {@code surrenderedT} (and {@code offsetT} credited) for the year; returns once applied. */
    public static void surrendered(String uscc, String province, int year, long obligationT, long surrenderedT,
                                   long offsetT) {
        KafkaTestClient.send(Topics.COMPLIANCE, complianceEvent(uscc, province, year, obligationT, surrenderedT, offsetT,
                Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> surrenderedT(uscc, year) == surrenderedT);
    }

    /** What this service stored as surrendered for the year; -1 while no record arrived. */
    public static long surrenderedT(String uscc, int year) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = Obligation.getEntityManager().createNativeQuery(
                            "select surrendered_t from compliance_position where uscc = ?1 and compliance_year = ?2")
                    .setParameter(1, uscc).setParameter(2, year).getResultList();
            return rows.isEmpty() ? -1L : ((Number) rows.get(0)).longValue();
        });
    }

    // --- lots ------------------------------------------------------------------------------------------------------

    public static Map<String, Object> lotBody(String uscc, long quantityT) {
        int n = LOTS.incrementAndGet();
        Map<String, Object> lot = new LinkedHashMap<>();
        lot.put("lotId", "LOT-" + uscc.substring(10) + "-" + n);
        lot.put("uscc", uscc);
        lot.put("projectId", "CCER-" + (1000 + n));
        lot.put("projectName", "Wind farm " + n);
        lot.put("projectType", "WIND");
        lot.put("quantityT", quantityT);
        lot.put("insideNationalEtsCoverage", false);
        lot.put("filedOn", OLD_FILING);
        lot.put("firstCycleCancelledUnused", false);
        return lot;
    }

    /** An eligible old-CCER lot frozen for {@code uscc}; returns its id. */
    public static String lot(String uscc, long quantityT) {
        return register(lotBody(uscc, quantityT));
    }

    /** First-cycle units cancelled for compliance but never used (notice §二). */
    public static String firstCycleLot(String uscc, long quantityT) {
        Map<String, Object> body = lotBody(uscc, quantityT);
        body.put("firstCycleCancelledUnused", true);
        body.put("firstCycleCancellationRef", "CEA-2021-CANCEL-" + body.get("lotId"));
        return register(body);
    }

    public static String register(Map<String, Object> body) {
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(body)
                .post("/api/offsets/ccer-lots").then().statusCode(201);
        return (String) body.get("lotId");
    }

    public static JsonPath lotView(String lotId) {
        return given().auth().oauth2(Tokens.registry()).get("/api/offsets/ccer-lots/" + lotId)
                .then().statusCode(200).extract().jsonPath();
    }

    // --- applications ----------------------------------------------------------------------------------------------

    public static Map<String, Object> line(String lotId, long quantityT) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("lotId", lotId);
        line.put("quantityT", quantityT);
        return line;
    }

    public static Map<String, Object> evidenced(String lotId, long quantityT) {
        Map<String, Object> line = line(lotId, quantityT);
        line.put("firstCycleEvidence", "registry record of the first-cycle cancellation, unused for 2019-2020");
        return line;
    }

    @SafeVarargs
    public static Response apply(String uscc, Object year, Map<String, Object>... lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", CYCLE);
        body.put("complianceYear", year);
        body.put("lots", List.of(lines));
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON).body(body)
                .post("/api/offsets/applications");
    }

    @SafeVarargs
    public static String applied(String uscc, int year, Map<String, Object>... lines) {
        return apply(uscc, year, lines).then().statusCode(201).extract().path("id");
    }

    public static Response review(String id, String province, String decision, String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (comment != null) {
            body.put("comment", comment);
        }
        return given().auth().oauth2(Tokens.provinceReviewer(province)).contentType(ContentType.JSON).body(body)
                .post("/api/offsets/applications/" + id + "/review");
    }

    public static void approve(String id, String province) {
        review(id, province, "APPROVE", null).then().statusCode(200);
    }

    public static Response confirm(String id) {
        return given().auth().oauth2(Tokens.registryApprover()).contentType(ContentType.JSON)
                .post("/api/offsets/applications/" + id + "/confirm");
    }

    /** Applies, has the province approve and the registry confirm. */
    @SafeVarargs
    public static String offset(String uscc, String province, int year, Map<String, Object>... lines) {
        String id = applied(uscc, year, lines);
        approve(id, province);
        confirm(id).then().statusCode(200);
        return id;
    }

    public static JsonPath headroom(String uscc, int year) {
        return given().auth().oauth2(Tokens.registry()).queryParam("cycle", CYCLE).queryParam("complianceYear", year)
                .get("/api/offsets/entities/" + uscc + "/headroom").then().statusCode(200).extract().jsonPath();
    }

    public static long applications(String uscc) {
        return given().auth().oauth2(Tokens.registry()).queryParam("uscc", uscc).get("/api/offsets/applications")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }
}
