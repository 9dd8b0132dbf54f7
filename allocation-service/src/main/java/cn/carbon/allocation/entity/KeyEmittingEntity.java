package cn.carbon.allocation.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;

/** A key emitting entity (重点排放单位), identified by its USCC and administered by one province. */
@Entity
@Table(name = "key_emitting_entity")
public class KeyEmittingEntity extends PanacheEntityBase {

    @Id
    public String uscc;
    public String name;
    @Column(name = "province_code")
    public String provinceCode;
    public String sector;
    @Enumerated(EnumType.STRING)
    public EntityStatus status;
    /** For COMPLIANCE_RISK: the reasons, comma-separated ({@link ComplianceRiskReason}). */
    @Column(name = "status_reasons")
    public String statusReasons;
    @Column(name = "status_changed_at")
    public Instant statusChangedAt;
    @Column(name = "special_note")
    public String specialNote;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "registered_by")
    public String registeredBy;
    @Version
    public long version;

    public List<String> reasons() {
        return ComplianceRiskReason.split(statusReasons);
    }
}
