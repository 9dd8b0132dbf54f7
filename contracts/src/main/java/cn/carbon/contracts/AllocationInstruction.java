package cn.carbon.contracts;

/**
 * {@code carbon.allocations.v1}: an instruction to the registry to issue allowances into an account, or to claw
 * them back (notice §一, differentiated issuance). The ledger applies each {@code instructionId} once; a claw-back
 * larger than the balance takes what is there and adds the rest to that year's obligation.
 *
 * @param complianceYear 2021 or 2022
 * @param vintage        the vintage issued: "2021" or "2022"
 * @param quantityT      whole tonnes, positive
 * @param destination    {@code ENTITY_ACCOUNT} or {@code PROVINCIAL_CUSTODY}
 * @param stage          {@code PRE_ALLOCATION}, {@code VERIFICATION} or {@code RELIEF}
 */
public record AllocationInstruction(String instructionId, String uscc, String provinceCode, String cycle,
                                    int complianceYear, String vintage, long quantityT, String destination,
                                    String stage, String rulebookId, int rulebookVersion) {

    public static final String ISSUE = "AllowanceIssued";
    public static final String CLAW_BACK = "AllowanceClawedBack";

    public static final String ENTITY_ACCOUNT = "ENTITY_ACCOUNT";
    public static final String PROVINCIAL_CUSTODY = "PROVINCIAL_CUSTODY";
}
