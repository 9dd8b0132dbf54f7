package cn.carbon.risk.index;

import java.time.LocalDate;
import java.util.List;

/** Builds situations for the factor tests. */
final class Situations {

    static final LocalDate DEADLINE = LocalDate.of(2023, 12, 31);

    private Situations() {
    }

    static RiskSituation of(long obligationT, long gapT, long cycleGapT, LocalDate asOf, List<EntityInputs.WeekNet> weeks,
                            String status, int pastShortfalls, String complianceStatus) {
        return new RiskSituation("91320000T000000019", 2021, asOf, DEADLINE, obligationT, gapT, 0, cycleGapT, gapT,
                java.time.temporal.ChronoUnit.DAYS.between(asOf, DEADLINE), weeks, status, pastShortfalls,
                complianceStatus, false);
    }

    static RiskSituation gap(long obligationT, long gapT, LocalDate asOf) {
        return of(obligationT, gapT, gapT, asOf, List.of(), "OPERATING", 0, "OPEN");
    }

    static EntityInputs.WeekNet week(String start, long net) {
        LocalDate s = LocalDate.parse(start);
        return new EntityInputs.WeekNet(s, s.plusDays(6), net);
    }
}
