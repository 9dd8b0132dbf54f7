package cn.carbon.allocation.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One change of an entity's status: who, when, why (append-only history). */
@Entity
@Table(name = "entity_status_change")
public class StatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String uscc;
    @Column(name = "previous_status")
    @Enumerated(EnumType.STRING)
    public EntityStatus previousStatus;
    @Enumerated(EnumType.STRING)
    public EntityStatus status;
    /** comma-separated {@link ComplianceRiskReason}s, or null */
    public String reasons;
    @Column(name = "special_note")
    public String specialNote;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
    public String why;
}
