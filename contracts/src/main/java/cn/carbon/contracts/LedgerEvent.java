package cn.carbon.contracts;

import java.util.List;

/**
 * {@code carbon.ledger.v1}: a posted ledger transaction and the entity's holdings after it.
 *
 * @param kind ISSUE, CLAW_BACK, SETTLEMENT, SURRENDER, FORCED_SURRENDER, RELEASE, OFFSET_CREDIT, BORROWING
 */
public record LedgerEvent(String transactionId, String kind, String uscc, String provinceCode, Integer complianceYear,
                          List<Line> lines, List<Balance> holdingsAfter) {

    public static final String POSTED = "LedgerTransactionPosted";

    /** One movement: whole tonnes of one vintage between two accounts. */
    public record Line(String fromAccount, String toAccount, String vintage, long quantityT) {
    }

    /** The entity's balance of a vintage: free, restricted (borrowed) and held in custody for it. */
    public record Balance(String vintage, long freeT, long restrictedT, long custodyT) {
    }
}
