package cn.carbon.contracts.rulebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The new CCER scheme in the rulebook's {@code ccerOffset} section (RULES-2023-2025.md D12, N16, N17). */
class CcerOffsetRuleTest {

    private static Rulebook shipped(String file) {
        return RulebookLoader.fromClasspath(ShippedRulebooks.FOLDER + file);
    }

    @Test
    void theShippedBooksAcceptNewCcerFrom2024Only() {
        CcerOffsetRule y2122 = shipped("CN-ETS-2021-2022-power.json").ccerOffset();
        CcerOffsetRule y2023 = shipped("CN-ETS-2023-power.json").ccerOffset();
        CcerOffsetRule y2024 = shipped("CN-ETS-2024.json").ccerOffset();

        assertThat(y2122.acceptsNewCcer()).isFalse();
        assertThat(y2122.newCcer().confirmed()).as("the scheme did not exist yet").isTrue();
        assertThat(y2023.acceptsNewCcer()).isFalse();
        assertThat(y2023.newCcer().note()).contains("2024-12-31");
        assertThat(y2024.acceptsNewCcer()).isTrue();
        assertThat(y2024.newCcer().value().registeredFrom()).isEqualTo(LocalDate.of(2023, 10, 20));
        // applicability is a reading of the sources ([I]): open, never confirmed
        assertThat(y2024.newCcer().provisional()).isTrue();
        assertThat(y2024.newCcer().confirmed()).isFalse();
        assertThat(shipped("CN-ETS-2024.json").provisionalValues()).extracting(RuleValue::path)
                .contains("ccerOffset.newCcer");
        // old CCER keeps its own rule in every book
        assertThat(y2024.oldCcerFiledBefore().value()).isEqualTo(LocalDate.of(2017, 3, 14));
    }

    @Test
    void aDocumentWithoutTheNewSchemeStaysValidAndAcceptsNone() {
        Rulebook rb = ShippedRulebooks.variant(j -> ShippedRulebooks.at(j, "/ccerOffset").remove("newCcer"));
        assertThat(rb.ccerOffset().newCcer()).isNull();
        assertThat(rb.ccerOffset().acceptsNewCcer()).isFalse();
    }

    @Test
    void acceptedWithItsFirstRegistrationDay() {
        Rulebook rb = ShippedRulebooks.variant(j -> newCcer(j).putObject("value").put("accepted", true)
                .put("registeredFrom", "2023-10-20"));
        assertThat(rb.ccerOffset().acceptsNewCcer()).isTrue();
        assertThat(rb.ccerOffset().newCcer().path()).isEqualTo("ccerOffset.newCcer");
    }

    @Test
    void acceptedWithoutARegistrationDayIsRefusedNamingTheField() {
        RulebookValidationException e = rejected(j -> newCcer(j).putObject("value").put("accepted", true));
        assertThat(e.errors()).extracting(RulebookValidationException.FieldError::field)
                .containsExactly("ccerOffset.newCcer.value.registeredFrom");
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertThat(rejected(j -> newCcer(j).putObject("value").put("accepted", "yes").put("registeredFrom", "2023-10-20"))
                .errors()).extracting(Object::toString)
                .containsExactly("ccerOffset.newCcer.value.accepted: must be true or false");
        assertThat(rejected(j -> newCcer(j).putObject("value").put("accepted", true).put("registeredFrom", "20.10.2023"))
                .errors()).extracting(RulebookValidationException.FieldError::field)
                .containsExactly("ccerOffset.newCcer.value.registeredFrom");
        assertThat(rejected(j -> newCcer(j).putObject("value").put("accepted", false).put("from", "2023-10-20"))
                .errors()).extracting(Object::toString).containsExactly("ccerOffset.newCcer.value.from: unknown field");
        assertThat(rejected(j -> newCcer(j).put("value", true)).errors()).extracting(Object::toString)
                .containsExactly("ccerOffset.newCcer.value: must be an object {accepted, registeredFrom}");
        assertThat(rejected(j -> newCcer(j).remove("source")).errors()).extracting(Object::toString)
                .containsExactly("ccerOffset.newCcer.source: missing");
    }

    @Test
    void aProvisionalAcceptanceCannotBeConfirmed() {
        assertThat(rejected(j -> newCcer(j).put("confirmed", true).put("provisional", true)).errors())
                .extracting(RulebookValidationException.FieldError::field).containsExactly("ccerOffset.newCcer.provisional");
    }

    private static ObjectNode newCcer(ObjectNode root) {
        return ShippedRulebooks.at(root, "/ccerOffset/newCcer");
    }

    private static RulebookValidationException rejected(Consumer<ObjectNode> edit) {
        try {
            ShippedRulebooks.variant(edit);
        } catch (RulebookValidationException e) {
            return e;
        }
        throw new AssertionError("the loader accepted the edited file");
    }
}
