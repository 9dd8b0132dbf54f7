package cn.carbon.contracts.rulebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The rulebook's allocation-stage deadlines (appliesTo) and its penalties, as data. */
class StageRulesTest {

    @Test
    void theShippedRulebookBindsEachAllocationStageActionToItsDeadline() {
        Rulebook rb = ShippedRulebooks.power2021To2022();
        assertThat(rb.deadlineOf(StageAction.PRE_ALLOCATION_RUN).orElseThrow().key())
                .isEqualTo("preAllocationSubmission");
        assertThat(rb.deadlineOf(StageAction.VERIFIED_DATA_IMPORT).orElseThrow().key())
                .isEqualTo("verificationCompletion");
        assertThat(rb.deadlineOf(StageAction.TABLES_SUBMISSION).orElseThrow().date().value())
                .hasToString("2023-08-04");
        assertThat(rb.deadlineOf(StageAction.VERIFICATION_RUN).orElseThrow().key())
                .isEqualTo("issuanceAndComplianceNotice");
        assertThat(rb.deadlineOf(StageAction.COMPLIANCE_NOTICE).orElseThrow().date().value())
                .hasToString("2023-08-11");
        assertThat(rb.deadline("borrowingApplication").appliesTo()).isEmpty();
    }

    @Test
    void theFineRangeIsTheMeasuresTwentyToThirtyThousandYuan() {
        RuleValue<FineRange> range = ShippedRulebooks.power2021To2022().penalties().fineRangeCny();
        assertThat(range.value().min()).isEqualByComparingTo("20000");
        assertThat(range.value().max()).isEqualByComparingTo("30000");
        assertThat(range.source()).contains("第三十九条").contains("RULES.md");
        assertThat(range.confirmed()).isTrue();
        assertThat(range.value().contains(new BigDecimal("30000"))).isTrue();
        assertThat(range.value().contains(new BigDecimal("30000.01"))).isFalse();
        assertThat(range.value().contains(new BigDecimal("19999"))).isFalse();
    }

    @Test
    void theRegistrySendsAnOperatingEntitysNoticeAndTheProvinceASpecialEntitys() {
        NoticeSenders senders = ShippedRulebooks.power2021To2022().complianceNoticeSender().value();
        assertThat(senders.of(true).role()).isEqualTo("registry");
        assertThat(senders.of(false).role()).isEqualTo("province");
    }

    @Test
    void anOlderVersionWithoutPenaltiesOrNoticeSenderStillLoads() {
        Rulebook older = ShippedRulebooks.variant(j -> {
            j.remove("penalties");
            j.remove("complianceNoticeSender");
        });
        assertThat(older.penalties()).isNull();
        assertThat(older.complianceNoticeSender()).isNull();
    }

    @Test
    void anActionBoundTwiceAnUnknownActionAndAnInvertedRangeAreRefusedByPath() {
        assertThat(errors(j -> ((ArrayNode) ShippedRulebooks.at(j, "/deadlines/verificationCompletion")
                .get("appliesTo")).add("PRE_ALLOCATION_RUN")))
                .contains("deadlines.verificationCompletion.appliesTo: PRE_ALLOCATION_RUN is bound by another deadline"
                        + " already (one each)");
        assertThat(errors(j -> ((ArrayNode) ShippedRulebooks.at(j, "/deadlines/borrowingApplication")
                .putArray("appliesTo")).add("LUNCH")))
                .contains("deadlines.borrowingApplication.appliesTo[0]");
        assertThat(errors(j -> ((ObjectNode) ShippedRulebooks.at(j, "/penalties/fineRangeCny/value")).put("min", 40000)))
                .contains("penalties.fineRangeCny.value: min must not be above max");
        assertThat(errors(j -> ((ObjectNode) ShippedRulebooks.at(j, "/complianceNoticeSender/value"))
                .put("special", "CITY")))
                .contains("complianceNoticeSender.value.special");
    }

    private static String errors(Consumer<ObjectNode> edit) {
        try {
            ShippedRulebooks.variant(edit);
        } catch (RulebookValidationException e) {
            return e.errors().toString();
        }
        return fail("the variant was accepted");
    }
}
