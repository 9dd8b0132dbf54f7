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
    @Column(name = "special_note")
    public String specialNote;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "registered_by")
    public String registeredBy;
    @Version
    public long version;
}
