package cn.carbon.risk.inputs;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.LedgerEvent;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.OffsetEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The index's inputs as the other services announced them, each kept as the latest state (a later event replaces an
 * earlier one; the record key, the USCC, keeps one entity's events in order).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class InputsStore {

    private final EntityManager em;

    public InputsStore(EntityManager em) {
        this.em = em;
    }

    public void obligation(ObligationEvent e) {
        require(e.uscc() != null && e.cycle() != null && e.obligationT() >= 0,
                "obligation event lacks uscc or cycle, or has a negative obligation");
        em.createNativeQuery("""
                        insert into obligation (uscc, compliance_year, cycle, province_code, obligation_t, exempt, entity_status,
                                                rulebook_id, rulebook_version, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, now())
                        on conflict (uscc, compliance_year) do update set cycle = excluded.cycle,
                            province_code = excluded.province_code, obligation_t = excluded.obligation_t,
                            exempt = excluded.exempt, entity_status = excluded.entity_status,
                            rulebook_id = excluded.rulebook_id, rulebook_version = excluded.rulebook_version, updated_at = now()""")
                .setParameter(1, e.uscc()).setParameter(2, e.complianceYear()).setParameter(3, e.cycle())
                .setParameter(4, e.provinceCode()).setParameter(5, e.obligationT()).setParameter(6, e.exempt())
                .setParameter(7, e.entityStatus()).setParameter(8, e.rulebookId()).setParameter(9, e.rulebookVersion())
                .executeUpdate();
    }

    /** holdingsAfter is the entity's whole position: vintages it no longer lists are gone. */
    public void holdings(LedgerEvent e) {
        require(e.uscc() != null && e.holdingsAfter() != null, "ledger event lacks uscc or holdingsAfter");
        em.createNativeQuery("delete from holding_balance where uscc = ?1").setParameter(1, e.uscc()).executeUpdate();
        for (LedgerEvent.Balance b : e.holdingsAfter()) {
            require(b.vintage() != null, "ledger event balance without vintage");
            em.createNativeQuery("""
                            insert into holding_balance (uscc, vintage, free_t, restricted_t, custody_t, transaction_id)
                            values (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .setParameter(1, e.uscc()).setParameter(2, b.vintage()).setParameter(3, b.freeT())
                    .setParameter(4, b.restrictedT()).setParameter(5, b.custodyT()).setParameter(6, e.transactionId())
                    .executeUpdate();
        }
    }

    public void compliance(ComplianceEvent e) {
        require(e.uscc() != null && e.status() != null, "compliance event lacks uscc or status");
        em.createNativeQuery("""
                        insert into compliance_record (uscc, compliance_year, cycle, obligation_t, surrendered_t, offset_t,
                                                       borrowed_used_t, remaining_t, shortfall_t, status, completed_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, now())
                        on conflict (uscc, compliance_year) do update set cycle = excluded.cycle,
                            obligation_t = excluded.obligation_t, surrendered_t = excluded.surrendered_t,
                            offset_t = excluded.offset_t, borrowed_used_t = excluded.borrowed_used_t,
                            remaining_t = excluded.remaining_t, shortfall_t = excluded.shortfall_t, status = excluded.status,
                            completed_at = excluded.completed_at, updated_at = now()""")
                .setParameter(1, e.uscc()).setParameter(2, e.complianceYear()).setParameter(3, e.cycle())
                .setParameter(4, e.obligationT()).setParameter(5, e.surrenderedT()).setParameter(6, e.offsetT())
                .setParameter(7, e.borrowedUsedT()).setParameter(8, e.remainingT()).setParameter(9, e.shortfallT())
                .setParameter(10, e.status()).setParameter(11, e.completedAt())
                .executeUpdate();
    }

    public void offset(OffsetEvent e) {
        require(e.applicationId() != null && e.uscc() != null && e.quantityT() >= 0,
                "offset event lacks applicationId or uscc, or has a negative quantity");
        em.createNativeQuery("""
                        insert into offset_confirmation (application_id, uscc, compliance_year, quantity_t)
                        values (?1, ?2, ?3, ?4) on conflict (application_id) do nothing""")
                .setParameter(1, e.applicationId()).setParameter(2, e.uscc()).setParameter(3, e.complianceYear())
                .setParameter(4, e.quantityT()).executeUpdate();
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
