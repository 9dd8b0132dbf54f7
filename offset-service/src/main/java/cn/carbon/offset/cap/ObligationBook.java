package cn.carbon.offset.cap;

import cn.carbon.contracts.ObligationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Keeps each entity's obligation per compliance year (carbon.obligations.v1); a later event for the same entity and
 * year replaces the earlier one. The update waits for a running application, review or confirmation of that
 * entity-year (they hold the row), so a check never works on a half-changed obligation.
 */
@ApplicationScoped
public class ObligationBook {

    private static final Pattern CYCLE = Pattern.compile("(\\d{4})-(\\d{4})");

    @Transactional(Transactional.TxType.MANDATORY)
    public void onObligation(ObligationEvent e) {
        if (e.uscc() == null || e.provinceCode() == null || e.cycle() == null) {
            throw new IllegalArgumentException("obligation event lacks uscc, provinceCode or cycle");
        }
        var cycle = CYCLE.matcher(e.cycle());
        if (!cycle.matches() || e.complianceYear() < Integer.parseInt(cycle.group(1))
                || e.complianceYear() > Integer.parseInt(cycle.group(2))) {
            throw new IllegalArgumentException("obligation event: compliance year " + e.complianceYear()
                    + " is not a year of cycle " + e.cycle());
        }
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
