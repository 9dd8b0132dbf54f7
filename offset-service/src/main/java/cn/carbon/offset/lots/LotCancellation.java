package cn.carbon.offset.lots;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The cancelled part of a lot. A confirmation that uses part of a lot splits it: the cancelled part becomes
 * {@code <lotId>/<seq>} (seq 1, 2, … in confirmation order, taken under the lot's lock), the rest stays frozen under
 * the lot's own id. The same confirmations always give the same parts.
 */
@Entity
@Table(name = "lot_cancellation")
public class LotCancellation extends PanacheEntityBase {

    @Id
    @Column(name = "cancellation_id")
    public String cancellationId;
    @Column(name = "lot_id")
    public String lotId;
    public int seq;
    @Column(name = "application_id")
    public UUID applicationId;
    @Column(name = "compliance_year")
    public int complianceYear;
    @Column(name = "quantity_t")
    public long quantityT;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    public static List<LotCancellation> ofLot(String lotId) {
        return list("lotId = ?1 order by seq", lotId);
    }

    /** Cancels {@code quantityT} of {@code lot} (locked by the caller) for an application: the next part. */
    public static LotCancellation split(CcerLot lot, UUID applicationId, int complianceYear, long quantityT, Instant at) {
        if (quantityT <= 0 || quantityT > lot.reservedT) {
            throw new IllegalStateException("lot " + lot.lotId + ": cannot cancel " + quantityT + " t of "
                    + lot.reservedT + " t reserved");
        }
        LotCancellation part = new LotCancellation();
        part.lotId = lot.lotId;
        part.seq = (int) count("lotId", lot.lotId) + 1;
        part.cancellationId = lot.lotId + "/" + part.seq;
        part.applicationId = applicationId;
        part.complianceYear = complianceYear;
        part.quantityT = quantityT;
        part.cancelledAt = at;
        part.persist();
        lot.reservedT -= quantityT;
        lot.cancelledT += quantityT;
        return part;
    }
}
