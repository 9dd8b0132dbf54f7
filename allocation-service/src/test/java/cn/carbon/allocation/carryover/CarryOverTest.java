package cn.carbon.allocation.carryover;

import cn.carbon.contracts.CarryOverStatement;
import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.events;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the next allocation owes, per entity: approved borrowing and relief advances, and each uncured shortfall at the compliance deadline
 * (from carbon.compliance.v1, sent over Kafka), cancelled — never deleted — by a late compliance; every change
 * published on carbon.carry-over.v1 (key USCC); the province's list as JSON, CSV and XLSX. Provinces 360000 and
 * 370000 belong to this class.
 */
@QuarkusTest
class CarryOverTest {

    static final String P = "360000";
    static final String OTHER = "370000";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void borrowingAndAnUncuredShortfallAreOwedAndALateComplianceCancelsTheShortfall() throws Exception {
        // 核定 2021 = 821,800 t for 950,000 t emitted: gap 128,200 t, borrowing ceiling 64,100 t
        String a = entity(P);
        importOk(P, coalRow(a, "U1", 2021, 1_000_000, 950_000), coalRow(a, "U1", 2022, 1_000_000, 950_000));
        run("pre-allocation", P);
        run("verification", P);
        String id = given().auth().oauth2(Tokens.entity(a)).contentType(ContentType.JSON)
                .body(Map.of("complianceYear", 2021, "quantityT", 60_000, "reason", "coal prices"))
                .post(BASE + "/cycles/" + CYCLE + "/borrowing-applications").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(Tokens.province(P)).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .post(BASE + "/borrowing-applications/" + id + "/decision").then().statusCode(200);

        CarryOverStatement first = statement(a, 1);
        assertThat(first.revision()).isEqualTo(1);
        assertThat(first.provinceCode()).isEqualTo(P);
        assertThat(first.nextAllocationVintage()).isEqualTo("2023");
        assertThat(first.totalOwedT()).isEqualTo(60_000);
        assertThat(first.lines()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("BORROWING_REPAYMENT");
            assertThat(l.complianceYear()).isEqualTo(2021);
            assertThat(l.quantityT()).isEqualTo(60_000);
            assertThat(l.state()).isEqualTo("OWED");
            assertThat(l.reference()).isEqualTo("borrowing:" + id);
        });

        // the registry reports a 2022 shortfall of 10,000 t at the deadline
        Instant deadline = Instant.parse("2023-12-31T16:00:00Z");
        EventEnvelope overdue = compliance(ComplianceEvent.SHORTFALL, a, 2022, "OVERDUE", 10_000, deadline);
        KafkaTestClient.send(Topics.COMPLIANCE, overdue);
        CarryOverStatement second = statement(a, 2);
        assertThat(second.totalOwedT()).isEqualTo(70_000);
        assertThat(second.lines()).extracting(CarryOverStatement.Line::kind, CarryOverStatement.Line::quantityT,
                        CarryOverStatement.Line::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BORROWING_REPAYMENT", 60_000L, "OWED"),
                        org.assertj.core.groups.Tuple.tuple("SHORTFALL", 10_000L, "OWED"));
        assertThat(second.lines().get(1).reference()).isEqualTo("compliance-event:" + overdue.id());

        // surrendered late (on application, confirmed by the province): the shortfall line is cancelled, kept
        KafkaTestClient.send(Topics.COMPLIANCE, compliance(ComplianceEvent.CHANGED, a, 2022, "COMPLIANT_LATE", 10_000,
                deadline.plus(Duration.ofDays(20))));
        CarryOverStatement third = statement(a, 3);
        assertThat(third.totalOwedT()).isEqualTo(60_000);
        CarryOverStatement.Line cancelled = third.lines().get(1);
        assertThat(cancelled.state()).isEqualTo("CANCELLED");
        assertThat(cancelled.quantityT()).isEqualTo(10_000);
        assertThat(cancelled.stateReason()).contains("late compliance");
        assertThat(cancelled.stateChangedAt()).isEqualTo(deadline.plus(Duration.ofDays(20)));

        // the same through the API, scoped
        String path = BASE + "/cycles/" + CYCLE + "/entities/" + a + "/carry-over";
        JsonPath view = given().auth().oauth2(Tokens.entity(a)).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(view.getInt("statement.totalOwedT")).isEqualTo(60_000);
        assertThat(view.getInt("statement.revision")).isEqualTo(3);
        assertThat(view.getList("statement.lines.state")).containsExactly("OWED", "CANCELLED");
        given().auth().oauth2(Tokens.province(P)).get(path).then().statusCode(200);
        given().auth().oauth2(Tokens.ministry()).get(path).then().statusCode(200);
        given().auth().oauth2(Tokens.registry()).get(path).then().statusCode(200);
        given().auth().oauth2(Tokens.province(OTHER)).get(path).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(entity(P))).get(path).then().statusCode(404);
        given().auth().oauth2(Tokens.exchange()).get(path).then().statusCode(403);

        // the province's list: 下一年度配额扣减清单 as JSON, CSV and XLSX
        String list = BASE + "/cycles/" + CYCLE + "/carry-over";
        JsonPath json = given().auth().oauth2(Tokens.province(P)).get(list).then().statusCode(200).extract()
                .jsonPath();
        assertThat(json.getString("title")).startsWith("下一年度配额扣减清单");
        List<Map<String, Object>> mine = json.<Map<String, Object>>getList("items").stream()
                .filter(r -> a.equals(r.get("uscc"))).toList();
        assertThat(mine).extracting(r -> r.get("kind") + " " + r.get("quantity_t") + " " + r.get("state"))
                .containsExactly("BORROWING_REPAYMENT 60000 OWED", "SHORTFALL 10000 CANCELLED");
        String csv = given().auth().oauth2(Tokens.registry()).queryParam("province", P).accept("text/csv").get(list)
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("uscc,name,province,kind,compliance_year,vintage,quantity_t,state,reference,"
                + "recorded_at,state_changed_at,state_reason");
        assertThat(List.of(lines)).anySatisfy(l -> assertThat(l).startsWith(a + ",").contains(",SHORTFALL,2022,2023,"
                + "10000,CANCELLED,"));
        byte[] xlsx = given().auth().oauth2(Tokens.ministry()).queryParam("province", P).accept(XLSX).get(list)
                .then().statusCode(200).extract().asByteArray();
        List<String> cells = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : book.getSheetAt(0)) {
                if (row.getCell(0) != null && a.equals(row.getCell(0).getStringCellValue())) {
                    cells.add(row.getCell(3).getStringCellValue() + " " + (long) row.getCell(6).getNumericCellValue());
                }
            }
        }
        assertThat(cells).containsExactly("BORROWING_REPAYMENT 60000", "SHORTFALL 10000");
        given().auth().oauth2(Tokens.province(OTHER)).queryParam("province", P).get(list).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(a)).get(list).then().statusCode(403);
        assertThat(given().auth().oauth2(Tokens.province(OTHER)).get(list).then().statusCode(200).extract()
                .jsonPath().getList("items.uscc")).doesNotContain(a);
    }

    @Test
    void anApprovedReliefAdvanceIsOwedByTheNextAllocation() {
        String c = entity(P);
        importOk(P, coalRow(c, "U1", 2021, 1_000_000, 950_000), coalRow(c, "U1", 2022, 1_000_000, 950_000));
        run("verification", P);
        String id = given().auth().oauth2(Tokens.province(P)).contentType(ContentType.JSON)
                .body(Map.of("uscc", c, "complianceYear", 2022, "quantityT", 50_000, "publicServiceDuty",
                        "district heating", "reason", "heating season losses"))
                .post(BASE + "/cycles/" + CYCLE + "/relief-applications").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.ministry()).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .post(BASE + "/relief-applications/" + id + "/decision").then().statusCode(200);
        CarryOverStatement s = statement(c, 1);
        assertThat(s.totalOwedT()).isEqualTo(50_000);
        assertThat(s.lines()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("RELIEF_REPAYMENT");
            assertThat(l.complianceYear()).isEqualTo(2022);
            assertThat(l.vintage()).isEqualTo("2023");
            assertThat(l.reference()).isEqualTo("relief:" + id);
        });
    }

    @Test
    void aChangedShortfallSupersedesTheOwedLine() {
        String b = entity(OTHER);
        Instant t = Instant.parse("2024-01-01T02:00:00Z");
        KafkaTestClient.send(Topics.COMPLIANCE, compliance(ComplianceEvent.SHORTFALL, b, 2021, "OVERDUE", 8_000, t));
        statement(b, 1);
        KafkaTestClient.send(Topics.COMPLIANCE, compliance(ComplianceEvent.CHANGED, b, 2021, "OVERDUE", 3_000,
                t.plusSeconds(3600)));
        CarryOverStatement s = statement(b, 2);
        assertThat(s.totalOwedT()).isEqualTo(3_000);
        assertThat(s.lines()).extracting(l -> l.quantityT() + " " + l.state())
                .containsExactly("8000 SUPERSEDED", "3000 OWED");
    }

    /** The entity's statement of that revision, as published on carbon.carry-over.v1. */
    static CarryOverStatement statement(String uscc, int revision) {
        List<CarryOverStatement> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            seen.clear();
            for (EventEnvelope e : events(Topics.CARRY_OVER, uscc, revision)) {
                assertThat(e.type()).isEqualTo(CarryOverStatement.CHANGED);
                assertThat(e.subject()).isEqualTo(uscc);
                seen.add(KafkaTestClient.json().convertValue(e.data(), CarryOverStatement.class));
            }
            assertThat(seen).extracting(CarryOverStatement::revision).contains(revision);
        });
        return seen.stream().filter(s -> s.revision() == revision).findFirst().orElseThrow();
    }

    static EventEnvelope compliance(String type, String uscc, int year, String status, long shortfallT, Instant time) {
        String province = uscc.substring(2, 4) + "0000";
        ComplianceEvent data = new ComplianceEvent(uscc, province, CYCLE, year, 100_000, 100_000 - shortfallT, 0, 0,
                shortfallT, status.equals("OVERDUE") ? shortfallT : 0, status,
                status.startsWith("COMPLIANT") ? time : null, null);
        return new EventEnvelope(UUID.randomUUID(), type, "surrender-service", time, uscc, CYCLE,
                KafkaTestClient.json().valueToTree(data));
    }
}
