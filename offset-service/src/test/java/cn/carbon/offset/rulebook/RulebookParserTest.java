package cn.carbon.offset.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulebookParserTest {

    @Test
    void theShippedRulebookCarriesTheNoticesOffsetSettings() {
        OffsetRulebook rb = ShippedRulebook.get();
        assertThat(rb.rulebookId()).isEqualTo("CN-ETS-2021-2022-power");
        assertThat(rb.version()).isEqualTo(1);
        assertThat(rb.cycle()).isEqualTo("2021-2022");
        assertThat(rb.complianceYears()).containsExactly(2021, 2022);
        assertThat(rb.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(rb.capShare()).isEqualByComparingTo("0.05");
        assertThat(rb.capRounding()).isEqualTo(RoundingMode.DOWN);
        assertThat(rb.eligibleFiledBefore()).isEqualTo(LocalDate.of(2017, 3, 14));
        assertThat(rb.usableUntil().date()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(rb.applicationOpens().date()).isEqualTo(LocalDate.of(2023, 8, 14));
        assertThat(rb.applicationDeadline().date()).isEqualTo(LocalDate.of(2023, 12, 15));
        assertThat(rb.excludeCoveredProjects()).isTrue();
        assertThat(rb.firstCycleLeftoversUsable()).isTrue();
        assertThat(rb.excludedProjectTypes()).isEmpty();
    }

    /** The copy must say what allocation-service's rulebook says, or one of them was changed alone. */
    @Test
    void theCopyAgreesWithAllocationServicesRulebook() throws Exception {
        Path source = Path.of("../allocation-service/src/main/resources/rulebooks/CN-ETS-2021-2022-power.json");
        JsonNode allocation = new ObjectMapper().readTree(Files.readString(source));
        OffsetRulebook rb = ShippedRulebook.get();
        assertThat(allocation.path("id").asText()).isEqualTo(rb.rulebookId());
        assertThat(allocation.path("version").asInt()).isEqualTo(rb.version());
        assertThat(allocation.path("cycle").asText()).isEqualTo(rb.cycle());
        assertThat(allocation.path("timeZone").asText()).isEqualTo(rb.zone().getId());
        assertThat(new BigDecimal(allocation.at("/ccerOffset/capShareOfObligation/value").asText()))
                .isEqualByComparingTo(rb.capShare());
        assertThat(allocation.at("/rounding/ccerCap/value").asText()).isEqualTo(rb.capRounding().name());
        assertThat(allocation.at("/ccerOffset/oldCcerFiledBefore/value").asText())
                .isEqualTo(rb.eligibleFiledBefore().toString());
        assertThat(allocation.at("/ccerOffset/firstCycleCancelledUnusedUsable/value").asBoolean())
                .isEqualTo(rb.firstCycleLeftoversUsable());
        for (Deadline d : List.of(rb.usableUntil(), rb.applicationOpens(), rb.applicationDeadline())) {
            assertThat(allocation.at("/deadlines/" + d.key() + "/value").asText()).as(d.key()).isEqualTo(d.date().toString());
            assertThat(allocation.at("/deadlines/" + d.key() + "/kind").asText()).as(d.key()).isEqualTo(d.kind().name());
        }
    }

    @Test
    void deadlinesReadInShanghaiTime() {
        OffsetRulebook rb = ShippedRulebook.get();
        Instant lastMinuteOfThe15th = OffsetDateTime.parse("2023-12-15T23:59:59+08:00").toInstant();
        Instant midnight = OffsetDateTime.parse("2023-12-16T00:00:00+08:00").toInstant();
        assertThat(rb.applicationDeadline().isMissedAt(lastMinuteOfThe15th)).isFalse();
        assertThat(rb.applicationDeadline().isMissedAt(midnight)).isTrue();
        // "after 2023-08-14": still closed on the 14th, open from the 15th
        assertThat(rb.applicationOpens().isOpenAt(OffsetDateTime.parse("2023-08-14T23:00:00+08:00").toInstant())).isFalse();
        assertThat(rb.applicationOpens().isOpenAt(OffsetDateTime.parse("2023-08-15T00:00:00+08:00").toInstant())).isTrue();
    }

    @Test
    void everyBadFieldIsNamedByItsPath() {
        String bad = ShippedRulebook.json()
                .replace("\"value\": 0.05", "\"value\": 0")
                .replace("\"value\": \"DOWN\"", "\"value\": \"SIDEWAYS\"")
                .replace("\"value\": \"ccerPaperForms\"", "\"value\": \"noSuchDeadline\"")
                .replace("\"value\": \"ccerOffsetOpens\"", "\"value\": \"oldCcerUsableUntil\"")
                .replace("\"timeZone\"", "\"timezone\"");
        assertThatThrownBy(() -> RulebookParser.parse(bad, "bad"))
                .isInstanceOfSatisfying(RulebookInvalidException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.slug()).isEqualTo("rulebook-invalid");
                    assertThat(e.errors()).extracting(f -> f.field()).contains(
                            "ccerOffset.capShareOfObligation.value", "ccerOffset.capRounding.value",
                            "ccerOffset.applicationDeadline.value", "ccerOffset.applicationOpens.value",
                            "timezone", "timeZone");
                });
    }

    @Test
    void yearsMustMatchTheCycleName() {
        assertThatThrownBy(() -> RulebookParser.parse(ShippedRulebook.json().replace("[2021, 2022]", "[2022, 2023]"), "x"))
                .isInstanceOfSatisfying(RulebookInvalidException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).containsExactly("complianceYears"));
    }

    @Test
    void notJsonIsRefusedAsAWhole() {
        assertThatThrownBy(() -> RulebookParser.parse("{not json", "x"))
                .isInstanceOfSatisfying(RulebookInvalidException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).containsExactly("(file)"));
    }
}
