package cn.carbon.offset.applications;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** One lot and quantity of an application. */
@Entity
@Table(name = "offset_application_line")
public class ApplicationLine extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "application_id") UUID applicationId, @Column(name = "line_no") Integer lineNo)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "lot_id")
    public String lotId;
    @Column(name = "quantity_t")
    public long quantityT;
    @Column(name = "first_cycle_evidence")
    public String firstCycleEvidence;

    public static List<ApplicationLine> of(UUID applicationId) {
        return list("key.applicationId = ?1 order by key.lineNo", applicationId);
    }
}
