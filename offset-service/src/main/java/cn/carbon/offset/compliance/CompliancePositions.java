package cn.carbon.offset.compliance;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.offset.cap.ObligationBook;
import cn.carbon.offset.cap.Obligation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * This service's replica of the registry's compliance records (carbon.compliance.v1): per entity and compliance year
 * what was surrendered and what the ledger credited as offsets. Read by the offset checks (what is still owed).
 */
@ApplicationScoped
public class CompliancePositions {

    private static final Logger LOG = Logger.getLogger(CompliancePositions.class);

    /** The statuses of the contract (ComplianceEvent); anything else is refused, not stored. */
    static final Set<String> STATUSES = Set.of("OPEN", "COMPLIANT", "COMPLIANT_LATE", "OVERDUE", "EXEMPT");

    private final EntityManager em;

    public CompliancePositions(EntityManager em) {
        this.em = em;
    }

    /**
     * Stores the event's record unless the stored one comes from a newer event: one entity's events arrive in order,
     * but a redelivery or a dead-letter replay can bring an older one after a newer one.
     *
     * @return true if stored, false if the newer record was kept
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(ComplianceEvent e, EventEnvelope event) {
        String cycle = e.cycle() != null ? e.cycle() : event.cycle();
        require(e.uscc() != null && !e.uscc().isBlank(), "compliance event lacks uscc");
        require(cycle != null && !cycle.isBlank(), "compliance event lacks cycle");
        ObligationBook.requireYearOfCycle(e.complianceYear(), cycle, "compliance event");
        require(e.status() != null && STATUSES.contains(e.status()), "unknown compliance status " + e.status());
        require(e.obligationT() >= 0 && e.surrenderedT() >= 0 && e.offsetT() >= 0 && e.remainingT() >= 0,
                "compliance event has a negative quantity");
        // the same order as the offset steps: the entity-year row first, so a check never sees half an update
        Obligation.lock(e.uscc(), e.complianceYear());
        int stored = em.createNativeQuery("""
                        insert into compliance_position (uscc, compliance_year, cycle, province_code, status, obligation_t,
                                                         surrendered_t, offset_t, remaining_t, event_id, event_time)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                        on conflict (uscc, compliance_year) do update set cycle = excluded.cycle,
                            province_code = excluded.province_code, status = excluded.status,
                            obligation_t = excluded.obligation_t, surrendered_t = excluded.surrendered_t,
                            offset_t = excluded.offset_t, remaining_t = excluded.remaining_t,
                            event_id = excluded.event_id, event_time = excluded.event_time, applied_at = now()
                        where compliance_position.event_time <= excluded.event_time""")
                .setParameter(1, e.uscc()).setParameter(2, e.complianceYear()).setParameter(3, cycle)
                .setParameter(4, e.provinceCode()).setParameter(5, e.status()).setParameter(6, e.obligationT())
                .setParameter(7, e.surrenderedT()).setParameter(8, e.offsetT()).setParameter(9, e.remainingT())
                .setParameter(10, event.id()).setParameter(11, OffsetDateTime.ofInstant(event.time(), java.time.ZoneOffset.UTC))
                .executeUpdate();
        if (stored == 0) {
            LOG.infof("compliance event %s (%s %d, %s) is older than the stored record; kept the newer one",
                    event.id(), e.uscc(), e.complianceYear(), event.time());
        }
        return stored > 0;
    }

    /** The entity-year's record of {@code cycle}, if the registry reported one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CompliancePosition> of(String uscc, int complianceYear, String cycle) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select status, obligation_t, surrendered_t, offset_t, remaining_t, "
                        + "event_time from compliance_position where uscc = ?1 and compliance_year = ?2 and cycle = ?3")
                .setParameter(1, uscc).setParameter(2, complianceYear).setParameter(3, cycle).getResultList();
        return rows.stream().findFirst().map(r -> new CompliancePosition(uscc, complianceYear, cycle, (String) r[0],
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                ((Number) r[4]).longValue(), instant(r[5])));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
