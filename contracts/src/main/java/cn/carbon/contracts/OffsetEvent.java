package cn.carbon.contracts;

import java.util.List;

/**
 * {@code carbon.offsets.v1}: the registry confirmed an offset application; the CCER quantity is cancelled and the
 * ledger credits {@code quantityT} once to the entity's obligation of {@code complianceYear}.
 */
public record OffsetEvent(String applicationId, String uscc, String provinceCode, String cycle, int complianceYear,
                          long quantityT, List<LotUse> lots, String confirmedBy) {

    public static final String CONFIRMED = "OffsetConfirmed";

    /** The CCER schemes: filed before 2017-03-14 (old) or registered under the 2023 Measures (new). */
    public static final String OLD_CCER = "OLD_CCER";
    public static final String NEW_CCER = "NEW_CCER";

    /** @param scheme {@link #OLD_CCER} or {@link #NEW_CCER}; absent in events published before the new scheme = old */
    public record LotUse(String lotId, String projectId, long quantityT, String scheme) {

        public LotUse {
            scheme = scheme == null ? OLD_CCER : scheme;
        }

        public LotUse(String lotId, String projectId, long quantityT) {
            this(lotId, projectId, quantityT, OLD_CCER);
        }
    }
}
