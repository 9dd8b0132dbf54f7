package cn.carbon.allocation.borrowing;

import cn.carbon.allocation.approval.Application;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * An entity's application to borrow (预支) next-cycle allowances for one compliance year, with the rule's figures at
 * the time of application and the province's decision.
 */
@Entity
@Table(name = "borrowing_application")
public class BorrowingApplication extends Application {

    @Column(name = "gap_t")
    public long gapT;
    @Column(name = "ceiling_t")
    public long ceilingT;
    @Column(name = "source_vintage")
    public String sourceVintage;
}
