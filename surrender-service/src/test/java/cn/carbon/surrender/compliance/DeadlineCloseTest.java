package cn.carbon.surrender.compliance;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The compliance deadline is closed once per entity-year: a year still short is published OVERDUE with what remains,
 * before its first change after the deadline (so a late compliance always follows it on the entity's key) or by the
 * sweep.
 */
@QuarkusTest
@TestProfile(DeadlineCloseTest.Closing.class)
class DeadlineCloseTest {

    /** The close switched on; the schedule off, so that the test decides when the sweep runs. */
    public static class Closing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("carbon.compliance.deadline-close.enabled", "true",
                    "carbon.compliance.deadline-close-every", "off");
        }
    }

    @Inject
    Fixture fixture;
    @Inject
    DeadlineClose close;

    @Test
    void shortYearsArePublishedOverdueOnceAndALateComplianceFollows() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
        String partial = fixture.entity("320000");
        String complied = fixture.entity("320000");
        String late = fixture.entity("440000");
        for (String uscc : List.of(partial, complied, late)) {
            fixture.issue(uscc, 2021, "2021", 1000);
            fixture.obligation(uscc, 2021, 1000);
        }
        surrender(partial, 300);
        surrender(complied, 1000);

        TestClock.set(TestClock.AFTER_DEADLINE);
        String id = given().auth().oauth2(Tokens.entity(late)).contentType(ContentType.JSON)
                .body(Map.of("uscc", late, "complianceYear", 2021, "reason", "funds arrived late"))
                .post("/api/surrender/late-compliance-requests").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.province("440000")).post("/api/surrender/late-compliance-requests/" + id + "/confirm")
                .then().statusCode(200);
        surrender(late, 1000).body("compliance.status", equalTo("COMPLIANT_LATE"));

        // the late entity: OVERDUE with its whole obligation short, then COMPLIANT_LATE, in that order on its key
        List<ComplianceEvent> lateEvents = events(late, "COMPLIANT_LATE");
        assertThat(lateEvents).extracting(ComplianceEvent::status, ComplianceEvent::shortfallT)
                .containsSubsequence(org.assertj.core.groups.Tuple.tuple("OVERDUE", 1000L),
                        org.assertj.core.groups.Tuple.tuple("COMPLIANT_LATE", 0L));
        // the partial one has not changed since the deadline: the sweep publishes it, OVERDUE with what remains; the
        // complied one never (counted in the outbox, where every event is written in the transaction of its change)
        assertThat(overdue(partial)).isZero();
        close.sweep();
        assertThat(overdue(partial)).isEqualTo(1);
        assertThat(fixture.count("select count(*) from outbox_event where message_key = ? and topic = ? "
                + "and payload->'data'->>'status' = 'OVERDUE' and payload->'data'->>'shortfallT' = '700'",
                partial, Topics.COMPLIANCE)).isEqualTo(1);
        assertThat(overdue(complied)).isZero();
        assertThat(overdue(late)).isEqualTo(1);

        // once only
        close.sweep();
        assertThat(overdue(partial)).isEqualTo(1);
        assertThat(overdue(late)).isEqualTo(1);
    }

    private long overdue(String uscc) {
        return fixture.count("select count(*) from outbox_event where message_key = ? and topic = ? "
                + "and payload->'data'->>'status' = 'OVERDUE'", uscc, Topics.COMPLIANCE);
    }

    private static io.restassured.response.ValidatableResponse surrender(String uscc, long quantity) {
        return given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2021,
                        "lines", List.of(Map.of("vintage", "2021", "quantityT", quantity))))
                .post("/api/surrender/surrenders").then().statusCode(201);
    }

    /** The entity's compliance events, read until one with {@code untilStatus} arrived. */
    private static List<ComplianceEvent> events(String uscc, String untilStatus) {
        List<ConsumerRecord<String, String>> seen = KafkaTestClient.readUntil(Topics.COMPLIANCE, Duration.ofSeconds(30),
                r -> untilStatus.equals(Objects.requireNonNullElse(event(r, uscc), EMPTY).status()));
        return seen.stream().map(r -> event(r, uscc)).filter(Objects::nonNull).toList();
    }

    private static final ComplianceEvent EMPTY = new ComplianceEvent("", "", "", 0, 0, 0, 0, 0, 0, 0, "", null, null);

    private static ComplianceEvent event(ConsumerRecord<String, String> record, String uscc) {
        if (!uscc.equals(record.key())) {
            return null;
        }
        var envelope = KafkaTestClient.envelope(record);
        return ComplianceEvent.CHANGED.equals(envelope.type())
                ? KafkaTestClient.json().convertValue(envelope.data(), ComplianceEvent.class) : null;
    }
}
