package cn.carbon.offset.cap;

import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.rulebook.Cycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Keeps each entity's obligation per compliance year (carbon.obligations.v1); a later event for the same entity and
 * year replaces the earlier one. The update waits for a running application, review or confirmation of that
 * entity-year (they hold the row), so a check never works on a half-changed obligation.
 */
@ApplicationScoped
public class ObligationBook {

    /** Refuses (for the consumer's DLQ) a compliance year that is not a year of the event's cycle. */
    public static void requireYearOfCycle(int year, String cycle, String what) {
        if (!Cycle.contains(cycle, year)) {
            throw new IllegalArgumentException(what + ": compliance year " + year + " is not a year of cycle " + cycle);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onObligation(ObligationEvent e) {
        if (e.uscc() == null || e.provinceCode() == null || e.cycle() == null) {
            throw new IllegalArgumentException("obligation event lacks uscc, provinceCode or cycle");
        }
        requireYearOfCycle(e.complianceYear(), e.cycle(), "obligation event");
        if (e.obligationT() < 0) {
            throw new IllegalArgumentException("obligation event: obligationT must not be negative");
        }
        Obligation o = Obligation.lock(e.uscc(), e.complianceYear()).orElse(null);
        if (o == null) {
            o = new Obligation();
            o.key = new Obligation.Key(e.uscc(), e.complianceYear());
        }
        o.cycle = e.cycle();
        o.provinceCode = e.provinceCode();
        o.obligationT = e.obligationT();
        o.exempt = e.exempt();
        o.rulebookId = e.rulebookId();
        o.rulebookVersion = e.rulebookVersion();
        o.updatedAt = Instant.now();
        o.persist();
    }
}
