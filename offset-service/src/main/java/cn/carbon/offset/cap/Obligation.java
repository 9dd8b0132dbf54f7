package cn.carbon.offset.cap;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * An entity's obligation (应清缴配额量) for one compliance year, as allocation-service last announced it. Its row is
 * the lock of the entity-year: whoever changes that year's applications holds it first, then the lots in lot order.
 */
@Entity
@Table(name = "obligation")
public class Obligation extends PanacheEntityBase {

    @Embeddable
    public record Key(String uscc, @Column(name = "compliance_year") Integer complianceYear) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String cycle;
    @Column(name = "province_code")
    public String provinceCode;
    @Column(name = "obligation_t")
    public long obligationT;
    public boolean exempt;
    @Column(name = "rulebook_id")
    public String rulebookId;
    @Column(name = "rulebook_version")
    public Integer rulebookVersion;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<Obligation> of(String uscc, int complianceYear) {
        return findByIdOptional(new Key(uscc, complianceYear));
    }

    /** The entity-year row, locked until the end of the transaction (waits for a concurrent holder). */
    public static Optional<Obligation> lock(String uscc, int complianceYear) {
        return findByIdOptional(new Key(uscc, complianceYear), LockModeType.PESSIMISTIC_WRITE);
    }

    /** What the cap is a share of: nothing for an exempt (dissolved) entity. */
    public long capBaseT() {
        return exempt ? 0 : obligationT;
    }
}
