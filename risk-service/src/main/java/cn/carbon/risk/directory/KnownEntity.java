package cn.carbon.risk.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An entity as allocation-service announced it: every read is scoped by its province; its status is a factor. */
@Entity
@Table(name = "entity_directory")
public class KnownEntity extends PanacheEntityBase {

    @Id
    public String uscc;
    public String name;
    @Column(name = "province_code")
    public String provinceCode;
    public String status;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
