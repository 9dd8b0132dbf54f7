package cn.carbon.offset.lots;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * CCER units the CCER registry froze for offset (待抵销) for one entity. {@code quantityT = reservedT + cancelledT +}
 * available, always: pending applications reserve, confirmations cancel (the database checks it too).
 */
@Entity
@Table(name = "ccer_lot")
public class CcerLot extends PanacheEntityBase {

    @Id
    @Column(name = "lot_id")
    public String lotId;
    public String uscc;
    @Column(name = "province_code")
    public String provinceCode;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "project_name")
    public String projectName;
    @Column(name = "project_type")
    public String projectType;
    @Column(name = "quantity_t")
    public long quantityT;
    @Column(name = "reserved_t")
    public long reservedT;
    @Column(name = "cancelled_t")
    public long cancelledT;
    @Column(name = "inside_national_ets_coverage")
    public boolean insideNationalEtsCoverage;
    @Enumerated(EnumType.STRING)
    public CcerScheme scheme;
    /** Old CCER: the project's filing (备案) day; new CCER: the day the credits were registered (登记). */
    @Column(name = "filed_on")
    public LocalDate filedOn;
    @Column(name = "first_cycle_cancelled_unused")
    public boolean firstCycleCancelledUnused;
    @Column(name = "first_cycle_cancellation_ref")
    public String firstCycleCancellationRef;
    @Column(name = "registered_by")
    public String registeredBy;
    @Column(name = "registered_at")
    public Instant registeredAt;

    public long availableT() {
        return quantityT - reservedT - cancelledT;
    }

    public CcerEligibility.Lot facts() {
        return new CcerEligibility.Lot(projectType, insideNationalEtsCoverage, filedOn, firstCycleCancelledUnused,
                scheme);
    }

    /** The lots, locked in lot-id order (the fixed order every writer uses, so writers never deadlock). */
    public static List<CcerLot> lockInOrder(Collection<String> lotIds) {
        if (lotIds.isEmpty()) {
            return List.of();
        }
        return find("lotId in ?1 order by lotId", lotIds).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
