package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.RulebookRef;

import java.util.List;

/**
 * An entity's verified (核定) allocation for one compliance year, with everything the tables and the issuance need.
 * Entity figures are sums of rounded unit figures.
 *
 * @param units                   each unit's allowance with its inputs and factors
 * @param verifiedEmissionsT      sum of the units' verified emissions
 * @param verifiedAllocationT     核定配额: sum of the units' rounded allowances, before relief
 * @param relief                  gas-unit treatment and floor (zeros for DISSOLVED)
 * @param issuedT                 allocation to issue for the year after relief (应发放; 0 for DISSOLVED)
 * @param preAllocatedIssuedT     what the pre-allocation stage actually issued
 * @param trueUpT                 issuedT − preAllocatedIssuedT: &gt; 0 issued at 核定, &lt; 0 clawed back
 * @param obligationT             应清缴配额量 (0 for DISSOLVED)
 * @param obligationExempt        true for DISSOLVED (不参与履约)
 * @param gapT                    max(0, obligation − (issued − deducted))
 * @param ccerCapT                CCER offset cap for the year
 * @param borrowing               the borrowing rule's assessment (deadline not checked)
 * @param residualGapAfterMaxBorrowingAndCcerT what must still be bought if the entity borrows its ceiling and
 *                                offsets its CCER cap in full
 * @param destination             where the verification-stage allowances go (null for DISSOLVED)
 * @param specialListed           marked "需特殊说明" in the issuance summary
 * @param instructions            the verification-stage issuance instructions (true-up, net of the deduction)
 * @param owedFromEarlierCyclesT  what earlier cycles left owed to this year's allocation vintage (borrowing to repay,
 *                                relief advances, uncured shortfalls)
 * @param deductedT               the part of it deducted here: at most issuedT; the rest stays owed
 */
public record EntityYearAllocation(RulebookRef rulebook, String entityId, int year, String vintage,
                                   EntityStatus status, List<UnitAllowance> units, long verifiedEmissionsT,
                                   long verifiedAllocationT, ReliefOutcome relief, long issuedT,
                                   long preAllocatedIssuedT, long trueUpT, long obligationT,
                                   boolean obligationExempt, long gapT, long ccerCapT,
                                   BorrowingAssessment borrowing, long residualGapAfterMaxBorrowingAndCcerT,
                                   Destination destination, boolean specialListed,
                                   List<IssuanceInstruction> instructions, long owedFromEarlierCyclesT,
                                   long deductedT) {

    /** The provisional rulebook values any unit figure of the year used, each once, in order. */
    public List<String> provisionalValues() {
        return units.stream().flatMap(u -> u.provisional().stream()).distinct().toList();
    }

    /** Gas relief + floor relief (the summary table's relief column). */
    public long reliefT() {
        return relief.gasReliefT() + relief.floorReliefT();
    }

    public long gasReliefT() {
        return relief.gasReliefT();
    }

    public long floorReliefT() {
        return relief.floorReliefT();
    }
}
