package cn.carbon.offset.rest;

import cn.carbon.offset.lots.CcerLot;
import cn.carbon.offset.lots.LotCancellation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A frozen lot: its facts, how much pending applications reserve, and its cancelled parts. */
public record LotView(String lotId, String uscc, String provinceCode, String projectId, String projectName,
                      String projectType, String scheme, long quantityT, long reservedT, long cancelledT, long availableT,
                      boolean insideNationalEtsCoverage, LocalDate filedOn, boolean firstCycleCancelledUnused,
                      String firstCycleCancellationRef, String registeredBy, Instant registeredAt,
                      List<Part> cancellations) {

    public record Part(String cancellationId, UUID applicationId, int complianceYear, long quantityT,
                       Instant cancelledAt) {
    }

    static LotView of(CcerLot l) {
        List<Part> parts = LotCancellation.ofLot(l.lotId).stream()
                .map(c -> new Part(c.cancellationId, c.applicationId, c.complianceYear, c.quantityT, c.cancelledAt))
                .toList();
        return new LotView(l.lotId, l.uscc, l.provinceCode, l.projectId, l.projectName, l.projectType, l.scheme.name(), l.quantityT,
                l.reservedT, l.cancelledT, l.availableT(), l.insideNationalEtsCoverage, l.filedOn,
                l.firstCycleCancelledUnused, l.firstCycleCancellationRef, l.registeredBy, l.registeredAt, parts);
    }
}
