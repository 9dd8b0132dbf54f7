package cn.carbon.allocation.relief;

import cn.carbon.allocation.approval.Application;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A province's hardship-relief (纾困) plan for an entity with a public-service duty, and the ministry's decision. */
@Entity
@Table(name = "relief_application")
public class ReliefApplication extends Application {

    @Column(name = "public_service_duty")
    public String publicServiceDuty;
    /** the gap left after the floor and any approved borrowing, when applied for */
    @Column(name = "gap_t")
    public long gapT;
}
