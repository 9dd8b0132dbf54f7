package cn.carbon.surrender.ledger;

/** The kinds of ledger transaction (contracts LedgerEvent.kind). */
public enum TransactionKind {
    ISSUE, CLAW_BACK, SETTLEMENT, SURRENDER, FORCED_SURRENDER, RELEASE, OFFSET_CREDIT, BORROWING
}
