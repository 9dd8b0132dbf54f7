package cn.carbon.risk.index;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the service knows of one entity, as the other services announced it: status, obligations and the ledger's
 * compliance record per year, holdings after the last ledger transaction, confirmed offsets, the weeks of net
 * purchases the exchange reported, and how many earlier years ended short or late.
 */
public record EntityInputs(String uscc, String provinceCode, String status, Map<Integer, Year> years,
                           List<Balance> holdings, List<WeekNet> netPurchases, int pastShortfalls) {

    public EntityInputs {
        years = Map.copyOf(years);
        holdings = List.copyOf(holdings);
        netPurchases = List.copyOf(netPurchases);
    }

    /**
     * One compliance year.
     *
     * @param remainingT        the ledger's remaining obligation (null until the ledger reported the year)
     * @param complianceStatus  the ledger's status (OPEN, COMPLIANT, COMPLIANT_LATE, OVERDUE, EXEMPT) or null
     * @param offsetsConfirmedT CCER offsets confirmed by offset-service for this year
     * @param offsetsCreditedT  of which the ledger already credited (compliance record offsetT)
     */
    public record Year(long obligationT, boolean exempt, Long remainingT, String complianceStatus,
                       long offsetsConfirmedT, long offsetsCreditedT) {

        /** Confirmed offsets the ledger has not credited yet: they will reduce the remaining obligation. */
        public long pendingOffsetsT() {
            return Math.max(0, offsetsConfirmedT - offsetsCreditedT);
        }
    }

    /** A vintage's balance: free, restricted (borrowed 2023, the borrower's own use) and provincial custody. */
    public record Balance(String vintage, long freeT, long restrictedT, long custodyT) {
    }

    /** One reported week of the exchange's feed: net = bought - sold. */
    public record WeekNet(LocalDate weekStart, LocalDate weekEnd, long netT) {
    }
}
