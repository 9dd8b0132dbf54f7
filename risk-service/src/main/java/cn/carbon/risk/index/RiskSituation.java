package cn.carbon.risk.index;

import java.time.LocalDate;
import java.util.List;

/**
 * One entity and compliance year on one day, reduced to what the factors read. Gaps are whole tonnes.
 *
 * @param remainingT      the year's obligation not yet surrendered, credited or covered by pending offsets
 * @param poolT           holdings that can serve the cycle: free + restricted (borrowed) + custody
 * @param cycleGapT       what the entity still has to buy for all open years of the cycle: remaining - pool
 * @param gapT            this year's share of the cycle gap (in proportion to its remaining obligation)
 * @param daysLeft        days from asOf to the year's deadline (negative after it)
 */
public record RiskSituation(String uscc, int complianceYear, LocalDate asOf, LocalDate deadline, long obligationT,
                            long remainingT, long poolT, long cycleGapT, long gapT, long daysLeft,
                            List<EntityInputs.WeekNet> netPurchases, String entityStatus, int pastShortfalls,
                            String complianceStatus, boolean exempt) {
}
