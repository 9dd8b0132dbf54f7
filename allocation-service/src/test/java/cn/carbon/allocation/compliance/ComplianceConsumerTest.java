package cn.carbon.allocation.compliance;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * carbon.compliance.v1 as surrender-service publishes it, sent for real over Kafka: applied once, never overwritten by
 * an older event, poison dead-lettered, and shown in the issuance summary (JSON only) and the compliance notice.
 * Provinces 450000 and 460000 belong to this class.
 */
@QuarkusTest
class ComplianceConsumerTest {

    static final String PROVINCE = "450000";
    static final String OTHER = "460000";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DLQ = Topics.deadLetter(Topics.COMPLIANCE, "allocation-service");
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager em;
    @Inject
    MeterRegistry metrics;

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        String uscc = TestUscc.next(PROVINCE);
        double duplicatesBefore = duplicates();
        EventEnvelope event = event(ComplianceEvent.CHANGED, uscc, PROVINCE, 2021, "OPEN", 900_000, 400_000, 0,
                Instant.parse("2023-11-01T02:00:00Z"));
        KafkaTestClient.send(Topics.COMPLIANCE, event);
        KafkaTestClient.send(Topics.COMPLIANCE, event);

        // both copies share the key's partition: the Inbox has seen the second when it counts it as a duplicate
        await().atMost(WAIT).until(() -> duplicates() >= duplicatesBefore + 1);
        assertThat(duplicates()).isEqualTo(duplicatesBefore + 1);
        assertThat(count("select count(*) from inbox_applied_event where consumer = 'allocation-service' "
                + "and topic = ?1 and event_id = ?2", Topics.COMPLIANCE, event.id())).isEqualTo(1);
        assertThat(record(uscc, 2021)).containsExactly("OPEN", 900_000L, 400_000L, 0L, event.id().toString());
    }

    @Test
    void anOlderEventDoesNotOverwriteANewerOne() {
        String uscc = TestUscc.next(PROVINCE);
        Instant t = Instant.parse("2024-01-02T02:00:00Z");
        EventEnvelope overdue = event(ComplianceEvent.SHORTFALL, uscc, PROVINCE, 2022, "OVERDUE", 5_000, 1_000, 4_000,
                t.plusSeconds(3600));
        KafkaTestClient.send(Topics.COMPLIANCE, overdue);
        awaitApplied(overdue);
        assertThat(record(uscc, 2022)).containsExactly("OVERDUE", 5_000L, 1_000L, 4_000L, overdue.id().toString());

        // an event of an hour before (a late redelivery, a DLQ replay) arrives after it
        EventEnvelope stale = event(ComplianceEvent.CHANGED, uscc, PROVINCE, 2022, "OPEN", 5_000, 1_000, 0, t);
        KafkaTestClient.send(Topics.COMPLIANCE, stale);
        awaitApplied(stale);
        assertThat(record(uscc, 2022)).containsExactly("OVERDUE", 5_000L, 1_000L, 4_000L, overdue.id().toString());

        // a newer one still replaces it
        EventEnvelope late = event(ComplianceEvent.CHANGED, uscc, PROVINCE, 2022, "COMPLIANT_LATE", 5_000, 5_000, 4_000,
                t.plusSeconds(7200));
        KafkaTestClient.send(Topics.COMPLIANCE, late);
        awaitApplied(late);
        assertThat(record(uscc, 2022)).containsExactly("COMPLIANT_LATE", 5_000L, 5_000L, 4_000L, late.id().toString());
    }

    @Test
    void malformedMessagesGoToTheDeadLetterTopicWithTheirReasonAndThePartitionMovesOn() {
        String uscc = TestUscc.next(PROVINCE);
        KafkaTestClient.send(Topics.COMPLIANCE, uscc, "{not json");
        EventEnvelope unknownStatus = event(ComplianceEvent.CHANGED, uscc, PROVINCE, 2021, "SETTLED", 900_000, 900_000,
                0, Instant.parse("2023-11-01T02:00:00Z"));
        KafkaTestClient.send(Topics.COMPLIANCE, unknownStatus);
        // a good event after them on the same key (same partition) is applied: nothing blocks
        EventEnvelope good = event(ComplianceEvent.CHANGED, uscc, PROVINCE, 2022, "OPEN", 800_000, 0, 0,
                Instant.parse("2023-11-01T03:00:00Z"));
        KafkaTestClient.send(Topics.COMPLIANCE, good);
        awaitApplied(good);

        AtomicInteger dead = new AtomicInteger();
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(DLQ, WAIT,
                r -> uscc.equals(r.key()) && dead.incrementAndGet() >= 2);
        List<ConsumerRecord<String, String>> mine = records.stream().filter(r -> uscc.equals(r.key())).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).value()).isEqualTo("{not json");
        assertThat(reason(mine.get(0))).contains("not an event envelope");
        assertThat(KafkaTestClient.envelope(mine.get(1)).id()).isEqualTo(unknownStatus.id());
        assertThat(reason(mine.get(1))).contains("unknown compliance status SETTLED");

        assertThat(count("select count(*) from compliance_record where uscc = ?1 and compliance_year = 2021", uscc))
                .isZero();
        assertThat(count("select count(*) from inbox_applied_event where event_id = ?1", unknownStatus.id())).isZero();
        assertThat(record(uscc, 2022)).containsExactly("OPEN", 800_000L, 0L, 0L, good.id().toString());
    }

    @Test
    void theIssuanceSummaryAndTheComplianceNoticeShowTheStatus() throws Exception {
        String a = entity(PROVINCE);
        String b = entity(OTHER);
        importOk(PROVINCE, coalRow(a, "A1", 2021, 1_000_000, 900_000), coalRow(a, "A1", 2022, 1_000_000, 900_000));
        importOk(OTHER, coalRow(b, "B1", 2021, 1_000_000, 900_000), coalRow(b, "B1", 2022, 1_000_000, 900_000));
        for (String province : List.of(PROVINCE, OTHER)) {
            run("pre-allocation", province);
            run("verification", province);
        }
        String noticePath = BASE + "/cycles/" + CYCLE + "/entities/" + a + "/compliance-notice";

        // before any record: the keys are there, null
        Map<String, Object> before = summaryRow(PROVINCE, a);
        assertThat(before).containsEntry("compliance2021", null).containsEntry("compliance2022", null);
        JsonPath noticeBefore = notice(noticePath);
        assertThat(noticeBefore.getString("compliance.find { it.year == 2021 }.status")).isNull();
        assertThat(noticeBefore.getString("compliance.find { it.year == 2021 }.surrenderedT")).isNull();

        Instant at = Instant.parse("2023-12-20T06:00:00Z");
        KafkaTestClient.send(Topics.COMPLIANCE,
                event(ComplianceEvent.CHANGED, a, PROVINCE, 2021, "COMPLIANT", 900_000, 900_000, 0, at));
        KafkaTestClient.send(Topics.COMPLIANCE,
                event(ComplianceEvent.CHANGED, a, PROVINCE, 2022, "OPEN", 900_000, 200_000, 0, at));
        KafkaTestClient.send(Topics.COMPLIANCE,
                event(ComplianceEvent.SHORTFALL, b, OTHER, 2021, "OVERDUE", 900_000, 0, 900_000, at));
        await().atMost(WAIT).untilAsserted(() -> assertThat(summaryRow(PROVINCE, a))
                .containsEntry("compliance2021", "COMPLIANT").containsEntry("compliance2022", "OPEN"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(summaryRow(OTHER, b))
                .containsEntry("compliance2021", "OVERDUE").containsEntry("compliance2022", null));

        // JSON only: the official columns (and so CSV and XLSX) stay those of API.md
        JsonPath summary = summary(Tokens.province(PROVINCE), null);
        assertThat(summary.getList("columns")).doesNotContain("compliance2021", "compliance2022").hasSize(17);
        assertThat(summary.getList("extraColumns")).containsExactly("compliance2021", "compliance2022");
        assertThat(summary.getList("items.uscc")).contains(a).doesNotContain(b);
        String csv = given().auth().oauth2(Tokens.province(PROVINCE)).accept("text/csv")
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", summary.<String>getList("columns")));
        String aLine = List.of(lines).stream().filter(l -> l.startsWith(a + ",")).findFirst().orElseThrow();
        assertThat(aLine.split(",", -1)).hasSize(17);
        assertThat(aLine).doesNotContain("COMPLIANT").doesNotContain("OPEN");
        byte[] xlsx = given().auth().oauth2(Tokens.province(PROVINCE)).accept(XLSX)
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(cn.carbon.allocation.tables.OfficialWorkbook.HEADER_ROWS - 1).getLastCellNum())
                    .isEqualTo((short) 17);
            for (Row row : sheet) {
                assertThat(row.getLastCellNum()).isLessThanOrEqualTo((short) 17);
            }
        }

        // the notice: each year's status and surrendered quantity, next to the signed content
        String noticeJson = given().auth().oauth2(Tokens.entity(a)).get(noticePath).then().statusCode(200)
                .extract().asString();
        JsonPath notice = JsonPath.from(noticeJson);
        assertThat(notice.getString("compliance.find { it.year == 2021 }.status")).isEqualTo("COMPLIANT");
        assertThat(notice.getLong("compliance.find { it.year == 2021 }.surrenderedT")).isEqualTo(900_000L);
        assertThat(notice.getString("compliance.find { it.year == 2022 }.status")).isEqualTo("OPEN");
        assertThat(notice.getLong("compliance.find { it.year == 2022 }.surrenderedT")).isEqualTo(200_000L);
        assertThat(notice.getString("compliance.find { it.year == 2022 }.asOf")).isEqualTo(at.toString());
        // beside the signed content: the code of the notice does not move with the registry's records
        assertThat(notice.getString("verificationCode")).isEqualTo(hmac(noticeJson))
                .isEqualTo(noticeBefore.getString("verificationCode"));

        // scope as before: another province's officer or entity does not see it
        given().auth().oauth2(Tokens.province(OTHER)).get(noticePath).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(b)).get(noticePath).then().statusCode(404);
        given().auth().oauth2(Tokens.province(OTHER)).queryParam("province", PROVINCE)
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(404);
    }

    /** A compliance event as surrender-service publishes it, at {@code time}. */
    static EventEnvelope event(String type, String uscc, String province, int year, String status, long obligationT,
                               long surrenderedT, long shortfallT, Instant time) {
        ComplianceEvent data = new ComplianceEvent(uscc, province, CYCLE, year, obligationT, surrenderedT, 0, 0,
                Math.max(0, obligationT - surrenderedT), shortfallT, status,
                status.startsWith("COMPLIANT") ? time : null, null);
        return new EventEnvelope(UUID.randomUUID(), type, "surrender-service", time, uscc, CYCLE,
                KafkaTestClient.json().valueToTree(data));
    }

    private void awaitApplied(EventEnvelope event) {
        await().atMost(WAIT).until(() -> count("select count(*) from inbox_applied_event "
                + "where consumer = 'allocation-service' and event_id = ?1", event.id()) == 1);
    }

    private double duplicates() {
        Counter c = metrics.find("carbon.inbox.events").tags("consumer", "allocation-service", "topic",
                Topics.COMPLIANCE, "outcome", "duplicate").counter();
        return c == null ? 0 : c.count();
    }

    /** status, obligation, surrendered, shortfall and the id of the event that set them; empty if no record. */
    private List<Object> record(String uscc, int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select status, obligation_t, surrendered_t, shortfall_t, cast(event_id as text)
                        from compliance_record where uscc = ?1 and cycle = ?2 and compliance_year = ?3""")
                .setParameter(1, uscc).setParameter(2, CYCLE).setParameter(3, year).getResultList());
        return rows.isEmpty() ? List.of() : List.of(rows.get(0)[0], ((Number) rows.get(0)[1]).longValue(),
                ((Number) rows.get(0)[2]).longValue(), ((Number) rows.get(0)[3]).longValue(), rows.get(0)[4]);
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    private static JsonPath summary(String token, String province) {
        var request = given().auth().oauth2(token);
        if (province != null) {
            request = request.queryParam("province", province);
        }
        return request.get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> summaryRow(String province, String uscc) {
        JsonPath json = summary(Tokens.registry(), province);
        List<Map<String, Object>> items = json.getList("items");
        return items.stream().filter(r -> uscc.equals(r.get("uscc"))).findFirst()
                .orElseThrow(() -> new AssertionError(uscc + " not in " + json.prettify()));
    }

    private static JsonPath notice(String path) {
        return given().auth().oauth2(Tokens.province(PROVINCE)).get(path).then().statusCode(200).extract().jsonPath();
    }

    /** The notice's code recomputed: the HMAC-SHA256 of its content's JSON with the configured key. */
    private static String hmac(String noticeJson) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] signed = mapper.writeValueAsBytes(mapper.readTree(noticeJson).get("content"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ConfigProvider.getConfig().getValue("carbon.notice.signing-key", String.class)
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }
}
