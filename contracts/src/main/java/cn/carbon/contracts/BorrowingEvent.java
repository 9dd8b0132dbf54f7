package cn.carbon.contracts;

/**
 * {@code carbon.borrowing.v1}: a province approved an entity's advance (预支) of 2023 allowances; the ledger creates
 * that many restricted 2023 units in the entity's account, usable only for its own 2021/2022 surrender.
 */
public record BorrowingEvent(String applicationId, String uscc, String provinceCode, String cycle, int complianceYear,
                             long quantityT, String vintage, String decidedBy) {

    public static final String APPROVED = "BorrowingApproved";
}
