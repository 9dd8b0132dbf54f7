package cn.carbon.platform.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An entity as allocation-service announced it on carbon.entities.v1: every read and write of the services that keep
 * a directory is scoped by its province. Table {@code entity_directory}, the same in each of those services.
 */
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
