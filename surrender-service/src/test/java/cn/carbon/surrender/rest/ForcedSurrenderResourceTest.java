package cn.carbon.surrender.rest;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Notice §一 and RULES.md E8 through the API: the province entrusts, the registry executes. */
@QuarkusTest
class ForcedSurrenderResourceTest {

    static final String PATH = "/api/surrender/forced-surrenders";

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    private String specialEntity(long custody2022) {
        String uscc = fixture.entity("420000");
        fixture.obligation(uscc, 2021, 1_000_000);
        fixture.obligation(uscc, 2022, 1_050_000);
        fixture.issueToCustody(uscc, 2021, "2021", 950_000);
        fixture.issueToCustody(uscc, 2022, "2022", custody2022);
        return uscc;
    }

    private String entrust(String uscc) {
        return given().auth().oauth2(Tokens.province("420000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "cycle", "2021-2022")).post(PATH).then().statusCode(201)
                .body("status", equalTo("ENTRUSTED")).body("entrustedBy", equalTo("province.420000"))
                .extract().path("id");
    }

    @Test
    void e8TheProvinceEntrustsTheRegistryExecutesAndTheRestIsReleased() {
        String uscc = specialEntity(1_120_000);
        fixture.issue(uscc, 2021, "2019-2020", 30_000); // its own account: never touched by forced surrender
        String id = entrust(uscc);
        // one open entrustment per entity and cycle
        given().auth().oauth2(Tokens.province("420000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "cycle", "2021-2022")).post(PATH).then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/already-entrusted"));

        given().auth().oauth2(Tokens.registry()).post(PATH + "/" + id + "/execute").then().statusCode(200)
                .body("status", equalTo("EXECUTED"))
                .body("years[0].complianceYear", equalTo(2021))
                .body("years[0].lines", equalTo(List.of(Map.of("vintage", "2021", "quantityT", 950_000, "fromAccount", "CUSTODY"),
                        Map.of("vintage", "2022", "quantityT", 50_000, "fromAccount", "CUSTODY"))))
                .body("years[0].shortfallT", equalTo(0))
                .body("years[1].lines", equalTo(List.of(Map.of("vintage", "2022", "quantityT", 1_050_000, "fromAccount", "CUSTODY"))))
                .body("released", equalTo(List.of(Map.of("vintage", "2022", "quantityT", 20_000, "fromAccount", "CUSTODY"))));
        // executing again answers the same and moves nothing
        given().auth().oauth2(Tokens.registry()).post(PATH + "/" + id + "/execute").then().statusCode(200)
                .body("released[0].quantityT", equalTo(20_000));

        assertThat(fixture.balance(uscc, "PROVINCIAL_CUSTODY", "2021")).isZero();
        assertThat(fixture.balance(uscc, "PROVINCIAL_CUSTODY", "2022")).isZero();
        assertThat(fixture.held(uscc, "2022")).isEqualTo(20_000);
        assertThat(fixture.held(uscc, "2019-2020")).isEqualTo(30_000);
        assertThat(fixture.count("select count(*) from ledger_transaction where reference like ?1", "forced:" + id + "%"))
                .isEqualTo(3);
        given().auth().oauth2(Tokens.province("420000")).get("/api/surrender/compliance/" + uscc).then().statusCode(200)
                .body("years[0].status", equalTo("COMPLIANT"))
                .body("years[1].status", equalTo("COMPLIANT"))
                .body("years[1].surrendered[0].quantityT", equalTo(1_050_000));
        given().auth().oauth2(Tokens.entity(uscc)).get(PATH + "/" + id).then().statusCode(200)
                .body("executedBy", equalTo("registry.officer"));
    }

    @Test
    void e8VariantBothYearsShortTheShortfallIsRecordedAndPublished() {
        String uscc = specialEntity(1_000_000);
        String id = entrust(uscc);
        given().auth().oauth2(Tokens.registry()).post(PATH + "/" + id + "/execute").then().statusCode(200)
                .body("years[0].shortfallT", equalTo(50_000))
                .body("years[1].shortfallT", equalTo(50_000))
                .body("released", equalTo(List.of()));
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/compliance/" + uscc).then().statusCode(200)
                .body("years[0].shortfallT", equalTo(50_000))
                .body("years[0].remainingT", equalTo(50_000))
                .body("years[0].status", equalTo("OPEN"));
        List<ConsumerRecord<String, String>> events = KafkaTestClient.readUntil(Topics.COMPLIANCE, Duration.ofSeconds(30),
                r -> shortfall(r, uscc) != null && shortfall(r, uscc).complianceYear() == 2022);
        assertThat(events.stream().map(r -> shortfall(r, uscc)).filter(java.util.Objects::nonNull))
                .extracting(ComplianceEvent::complianceYear, ComplianceEvent::shortfallT)
                .contains(org.assertj.core.groups.Tuple.tuple(2021, 50_000L), org.assertj.core.groups.Tuple.tuple(2022, 50_000L));
    }

    private static ComplianceEvent shortfall(ConsumerRecord<String, String> record, String uscc) {
        if (!uscc.equals(record.key())) {
            return null;
        }
        var envelope = KafkaTestClient.envelope(record);
        return ComplianceEvent.SHORTFALL.equals(envelope.type())
                ? KafkaTestClient.json().convertValue(envelope.data(), ComplianceEvent.class) : null;
    }

    @Test
    void onlyTheEntitysProvinceEntrustsAndOnlyTheRegistryExecutes() {
        String uscc = specialEntity(1_000_000);
        given().auth().oauth2(Tokens.province("320000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "cycle", "2021-2022")).post(PATH).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "cycle", "2021-2022")).post(PATH).then().statusCode(403);
        String id = entrust(uscc);
        given().auth().oauth2(Tokens.province("420000")).post(PATH + "/" + id + "/execute").then().statusCode(403);
        given().auth().oauth2(Tokens.province("320000")).get(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).post(PATH + "/" + java.util.UUID.randomUUID() + "/execute").then()
                .statusCode(404);
        assertThat(fixture.balance(uscc, "PROVINCIAL_CUSTODY", "2022")).isEqualTo(1_000_000);
    }
}
