package cn.carbon.offset.cap;

import cn.carbon.offset.lots.CcerScheme;
import cn.carbon.offset.rulebook.OffsetRulebook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** What each CCER scheme contributes to the year's confirmed and pending offsets (one cap counts both). */
    public record SchemeUse(long usedT, long pendingT) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, SchemeUse> bySchemes(OffsetRulebook rb, String uscc, int complianceYear) {
        Map<String, SchemeUse> uses = new LinkedHashMap<>();
        for (CcerScheme s : CcerScheme.values()) {
            uses.put(s.name(), new SchemeUse(0, 0));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select l.scheme, "
                        + "coalesce(sum(al.quantity_t) filter (where a.status = 'CONFIRMED'), 0), "
                        + "coalesce(sum(al.quantity_t) filter (where a.status in ('PENDING_REVIEW', 'APPROVED')), 0) "
                        + "from offset_application a join offset_application_line al on al.application_id = a.id "
                        + "join ccer_lot l on l.lot_id = al.lot_id "
                        + "where a.uscc = ?1 and a.cycle = ?2 and a.compliance_year = ?3 group by l.scheme")
                .setParameter(1, uscc).setParameter(2, rb.cycle()).setParameter(3, complianceYear).getResultList();
        for (Object[] r : rows) {
            uses.put((String) r[0], new SchemeUse(((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        return uses;
    }
}
