package cn.carbon.offset.cap;

import cn.carbon.offset.rulebook.OffsetRulebook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Counts an entity-year's confirmed and pending offsets against its cap. Exact under the entity-year lock
 * ({@link Obligation#lock}) that every writer of that year's applications holds; a plain read otherwise.
 */
@ApplicationScoped
public class Headrooms {

    private final EntityManager em;

    public Headrooms(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Headroom of(OffsetRulebook rb, String uscc, int complianceYear, Obligation obligation) {
        Object[] sums = (Object[]) em.createNativeQuery("select "
                        + "coalesce(sum(quantity_t) filter (where status = 'CONFIRMED'), 0), "
                        + "coalesce(sum(quantity_t) filter (where status in ('PENDING_REVIEW', 'APPROVED')), 0) "
                        + "from offset_application where uscc = ?1 and cycle = ?2 and compliance_year = ?3")
                .setParameter(1, uscc).setParameter(2, rb.cycle()).setParameter(3, complianceYear)
                .getSingleResult();
        long obligationT = obligation == null ? 0 : obligation.capBaseT();
        return new Headroom(obligation == null ? 0 : obligation.obligationT, OffsetCap.capT(rb, obligationT),
                ((Number) sums[0]).longValue(), ((Number) sums[1]).longValue());
    }
}
