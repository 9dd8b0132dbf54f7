package cn.carbon.bench.bare;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The same row shape as allocation-service's entity, without anything around it. */
@Entity
@Table(name = "bare_entity")
public class BareEntity extends PanacheEntityBase {
    @Id
    public String uscc;
    public String name;
    @Column(name = "province_code")
    public String provinceCode;
}
