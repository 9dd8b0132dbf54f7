package cn.carbon.risk.index;

import cn.carbon.risk.rulebook.RiskRulebook;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * The gap of an entity on a day. The cycle's years share one pool of holdings (2019-2020, 2021 and 2022 vintages serve
 * either year; borrowed 2023 units the borrower's own; custody the special entity's), so the gap is computed for the
 * cycle and shared among the open years in proportion to what each still needs.
 */
public final class ComplianceGap {

    /** Ledger statuses after which a year carries no risk. */
    public static final Set<String> SETTLED = Set.of("COMPLIANT", "COMPLIANT_LATE", "EXEMPT");

    private ComplianceGap() {
    }

    /** Empty when the year has no obligation yet (nothing to assess). */
    public static Optional<RiskSituation> situation(EntityInputs in, int year, LocalDate asOf, RiskRulebook rulebook) {
        EntityInputs.Year y = in.years().get(year);
        if (y == null || !rulebook.complianceYears().contains(year)) {
            return Optional.empty();
        }
        long pool = in.holdings().stream().filter(b -> rulebook.servesCycle(b.vintage()))
                .mapToLong(b -> Math.max(0, b.freeT()) + Math.max(0, b.restrictedT()) + Math.max(0, b.custodyT()))
                .sum();
        long total = 0;
        for (int cycleYear : rulebook.complianceYears()) {
            EntityInputs.Year other = in.years().get(cycleYear);
            if (other != null) {
                total += remaining(other);
            }
        }
        long remaining = remaining(y);
        long cycleGap = Math.max(0, total - pool);
        long gap = total == 0 ? 0 : Math.round((double) cycleGap * remaining / total);
        LocalDate deadline = rulebook.deadline(year);
        return Optional.of(new RiskSituation(in.uscc(), year, asOf, deadline, y.obligationT(), remaining, pool, cycleGap,
                gap, ChronoUnit.DAYS.between(asOf, deadline), in.netPurchases(), in.status(), in.pastShortfalls(),
                y.complianceStatus(), y.exempt()));
    }

    /** What the year still needs: the ledger's remaining (or the obligation) less confirmed offsets not yet credited. */
    static long remaining(EntityInputs.Year y) {
        if (y.exempt() || (y.complianceStatus() != null && SETTLED.contains(y.complianceStatus()))) {
            return 0;
        }
        long base = y.remainingT() != null ? y.remainingT() : y.obligationT();
        return Math.max(0, base - y.pendingOffsetsT());
    }
}
