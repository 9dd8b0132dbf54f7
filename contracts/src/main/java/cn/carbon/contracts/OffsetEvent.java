package cn.carbon.contracts;

import java.util.List;

/**
 * {@code carbon.offsets.v1}: the registry confirmed an offset application; the CCER quantity is cancelled and the
 * ledger credits {@code quantityT} once to the entity's obligation of {@code complianceYear}.
 */
public record OffsetEvent(String applicationId, String uscc, String provinceCode, String cycle, int complianceYear,
                          long quantityT, List<LotUse> lots, String confirmedBy) {

    public static final String CONFIRMED = "OffsetConfirmed";

    public record LotUse(String lotId, String projectId, long quantityT) {
    }
}
