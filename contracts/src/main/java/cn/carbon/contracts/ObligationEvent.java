package cn.carbon.contracts;

/**
 * {@code carbon.obligations.v1}: an entity's surrender obligation for a compliance year (= verified emissions), set
 * or changed at verification. {@code exempt} is true for a dissolved entity (no obligation). A later event for the
 * same entity and year replaces the earlier one.
 */
public record ObligationEvent(String uscc, String provinceCode, String cycle, int complianceYear, long obligationT,
                              boolean exempt, String entityStatus, String rulebookId, int rulebookVersion) {

    public static final String SET = "ObligationSet";
}
