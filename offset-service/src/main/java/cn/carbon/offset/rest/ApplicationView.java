package cn.carbon.offset.rest;

import cn.carbon.offset.applications.ApplicationLine;
import cn.carbon.offset.applications.CapCheck;
import cn.carbon.offset.applications.OffsetApplication;
import cn.carbon.offset.lots.CcerLot;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An offset application with its lots, its review chain and every cap check it passed. */
public record ApplicationView(UUID id, String uscc, String provinceCode, String cycle, int complianceYear,
                              long quantityT, String status, List<LotLine> lots, String appliedBy, Instant appliedAt,
                              String reviewedBy, Instant reviewedAt, String reviewComment, String confirmedBy,
                              Instant confirmedAt, String closedBy, Instant closedAt, List<Check> capChecks) {

    public record LotLine(String lotId, String projectId, String scheme, long quantityT, String firstCycleEvidence) {
    }

    public record Check(String step, Instant checkedAt, String rulebookId, int rulebookVersion, long obligationT,
                        long capT, long confirmedT, long pendingT, Long surrenderedT, Long remainingObligationT) {
    }

    static ApplicationView of(OffsetApplication a) {
        List<LotLine> lines = ApplicationLine.of(a.id).stream().map(l -> {
            CcerLot lot = CcerLot.findById(l.lotId);
            return new LotLine(l.lotId, lot == null ? null : lot.projectId, lot == null ? null : lot.scheme.name(),
                    l.quantityT, l.firstCycleEvidence);
        }).toList();
        List<Check> checks = CapCheck.of(a.id).stream().map(c -> new Check(c.key.step(), c.checkedAt, c.rulebookId,
                c.rulebookVersion, c.obligationT, c.capT, c.confirmedT, c.pendingT,
                c.surrenderedT, c.remainingObligationT)).toList();
        return new ApplicationView(a.id, a.uscc, a.provinceCode, a.cycle, a.complianceYear, a.quantityT,
                a.status.name(), lines, a.appliedBy, a.appliedAt, a.reviewedBy, a.reviewedAt, a.reviewComment,
                a.confirmedBy, a.confirmedAt, a.closedBy, a.closedAt, checks);
    }
}
