package cn.carbon.allocation.issuance;

import cn.carbon.allocation.engine.Destination;
import cn.carbon.allocation.engine.InstructionKind;
import cn.carbon.allocation.engine.IssuanceInstruction;
import cn.carbon.allocation.engine.IssuanceStage;
import cn.carbon.contracts.rulebook.RulebookRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the difference between what the engine wants and what was instructed goes out. */
class InstructionDeltaTest {

    static final RulebookRef RB = new RulebookRef("CN-ETS-2021-2022-power", 1);

    static IssuanceInstruction issue(Destination d, long q) {
        return new IssuanceInstruction(RB, "E", 2021, "2021", IssuanceStage.VERIFICATION, InstructionKind.ISSUE, d, q,
                "rule " + d);
    }

    static IssuanceInstruction clawBack(Destination d, long q) {
        return new IssuanceInstruction(RB, "E", 2021, "2021", IssuanceStage.VERIFICATION, InstructionKind.CLAW_BACK, d,
                q, "claw " + d);
    }

    @Test
    void aFirstRunSendsTheEnginesInstructions() {
        assertThat(InstructionDelta.between(List.of(issue(Destination.ENTITY_ACCOUNT, 100)), Map.of()))
                .containsExactly(new InstructionDelta.Planned(Destination.ENTITY_ACCOUNT, InstructionKind.ISSUE, 100,
                        "rule ENTITY_ACCOUNT"));
    }

    @Test
    void aReRunWithNothingChangedSendsNothing() {
        assertThat(InstructionDelta.between(List.of(issue(Destination.ENTITY_ACCOUNT, 100)),
                Map.of(Destination.ENTITY_ACCOUNT, 100L))).isEmpty();
        assertThat(InstructionDelta.between(List.of(clawBack(Destination.ENTITY_ACCOUNT, 40)),
                Map.of(Destination.ENTITY_ACCOUNT, -40L))).isEmpty();
        assertThat(InstructionDelta.between(List.of(), Map.of())).isEmpty();
    }

    @Test
    void aChangeSendsOnlyTheDifferenceEitherWay() {
        assertThat(InstructionDelta.between(List.of(issue(Destination.ENTITY_ACCOUNT, 130)),
                Map.of(Destination.ENTITY_ACCOUNT, 100L))).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(InstructionKind.ISSUE);
                    assertThat(p.quantityT()).isEqualTo(30);
                    assertThat(p.rule()).contains("difference to the 100 t instructed earlier");
                });
        assertThat(InstructionDelta.between(List.of(issue(Destination.ENTITY_ACCOUNT, 70)),
                Map.of(Destination.ENTITY_ACCOUNT, 100L))).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(InstructionKind.CLAW_BACK);
                    assertThat(p.quantityT()).isEqualTo(30);
                });
    }

    @Test
    void aStatusChangeMovesAllowancesBetweenAccountsClawBackFirst() {
        // issued to the entity earlier; now the status sends the verification amount to custody
        List<InstructionDelta.Planned> planned = InstructionDelta.between(
                List.of(issue(Destination.PROVINCIAL_CUSTODY, 100)), Map.of(Destination.ENTITY_ACCOUNT, 100L));
        assertThat(planned).extracting(InstructionDelta.Planned::destination, InstructionDelta.Planned::kind,
                        InstructionDelta.Planned::quantityT)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Destination.ENTITY_ACCOUNT, InstructionKind.CLAW_BACK, 100L),
                        org.assertj.core.groups.Tuple.tuple(Destination.PROVINCIAL_CUSTODY, InstructionKind.ISSUE, 100L));
        assertThat(planned.get(0).rule()).contains("no longer due");
    }
}
