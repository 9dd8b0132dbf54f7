package cn.carbon.offset.applications;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An entity's application to offset part of one compliance year's obligation with frozen CCER. */
@Entity
@Table(name = "offset_application")
public class OffsetApplication extends PanacheEntityBase {

    @Id
    public UUID id;
    public String uscc;
    @Column(name = "province_code")
    public String provinceCode;
    public String cycle;
    @Column(name = "compliance_year")
    public int complianceYear;
    @Column(name = "quantity_t")
    public long quantityT;
    @Enumerated(EnumType.STRING)
    public ApplicationStatus status;
    @Column(name = "applied_by")
    public String appliedBy;
    @Column(name = "applied_at")
    public Instant appliedAt;
    @Column(name = "reviewed_by")
    public String reviewedBy;
    @Column(name = "reviewed_at")
    public Instant reviewedAt;
    @Column(name = "review_comment")
    public String reviewComment;
    @Column(name = "confirmed_by")
    public String confirmedBy;
    @Column(name = "confirmed_at")
    public Instant confirmedAt;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "closed_at")
    public Instant closedAt;
}
