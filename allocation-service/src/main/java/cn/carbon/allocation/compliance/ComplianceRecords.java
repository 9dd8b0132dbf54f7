package cn.carbon.allocation.compliance;

import cn.carbon.allocation.support.Jdbc;
import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * This service's replica of the registry's compliance records (carbon.compliance.v1): the latest status, obligation,
 * surrendered quantity and shortfall per entity, cycle and compliance year. surrender-service owns the records; they
 * are read here only to show them in the issuance summary and the compliance notice.
 */
@ApplicationScoped
public class ComplianceRecords {

    private static final Logger LOG = Logger.getLogger(ComplianceRecords.class);

    /** The statuses of the contract (ComplianceEvent); anything else is refused, not stored. */
    static final Set<String> STATUSES = Set.of("OPEN", "COMPLIANT", "COMPLIANT_LATE", "OVERDUE", "EXEMPT");

    private final Jdbc jdbc;

    public ComplianceRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One year's record as last reported by the registry; {@code asOf} is the time of the event that set it. */
    public record Record(int complianceYear, String status, long obligationT, long surrenderedT, long shortfallT,
                         Instant asOf) {
    }

    /**
     * Stores the event's record unless the stored one comes from a newer event: events of one entity arrive in order,
     * but a redelivery or a dead-letter replay can bring an older one after a newer one.
     *
     * @return true if the record was stored, false if a newer one was kept
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(ComplianceEvent e, EventEnvelope event) {
        String cycle = e.cycle() != null ? e.cycle() : event.cycle();
        require(e.uscc() != null && !e.uscc().isBlank(), "compliance event lacks uscc");
        require(cycle != null && !cycle.isBlank(), "compliance event lacks cycle");
        require(e.complianceYear() > 0, "compliance event lacks complianceYear");
        require(e.status() != null && STATUSES.contains(e.status()), "unknown compliance status " + e.status());
        require(e.obligationT() >= 0 && e.surrenderedT() >= 0 && e.shortfallT() >= 0,
                "compliance event has a negative quantity");
        int stored = jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into compliance_record (uscc, cycle, compliance_year, province_code, status, obligation_t,
                                                   surrendered_t, shortfall_t, event_id, event_type, event_time)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (uscc, cycle, compliance_year) do update set province_code = excluded.province_code,
                        status = excluded.status, obligation_t = excluded.obligation_t,
                        surrendered_t = excluded.surrendered_t, shortfall_t = excluded.shortfall_t,
                        event_id = excluded.event_id, event_type = excluded.event_type,
                        event_time = excluded.event_time, applied_at = now()
                    where compliance_record.event_time <= excluded.event_time""")) {
                Jdbc.bind(ps, e.uscc(), cycle, e.complianceYear(), e.provinceCode(), e.status(), e.obligationT(),
                        e.surrenderedT(), e.shortfallT(), event.id(), event.type(), event.time());
                return ps.executeUpdate();
            }
        });
        if (stored == 0) {
            LOG.infof("compliance event %s (%s %s %d, %s) is older than the stored record; kept the newer one",
                    event.id(), e.uscc(), cycle, e.complianceYear(), event.time());
        }
        return stored > 0;
    }

    /** The entity's records of the cycle by compliance year (years without a record are absent). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Integer, Record> ofEntity(String cycle, String uscc) {
        return jdbc.work(c -> {
            Map<Integer, Record> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select compliance_year, status, obligation_t, surrendered_t, shortfall_t, event_time
                    from compliance_record where cycle = ? and uscc = ?""")) {
                Jdbc.bind(ps, cycle, uscc);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(1), new Record(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), Jdbc.instant(rs.getTimestamp(6))));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The status per {@code uscc|year} of the cycle's records, for the entities of {@code province} in this service's
     * register (null: every province), so that the summary's scope decides, not the event's province.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, String> statuses(String cycle, String province) {
        return jdbc.work(c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select r.uscc, r.compliance_year, r.status
                    from compliance_record r join key_emitting_entity e on e.uscc = r.uscc
                    where r.cycle = ? and (cast(? as text) is null or e.province_code = ?)""")) {
                Jdbc.bind(ps, cycle, province, province);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(key(rs.getString(1), rs.getInt(2)), rs.getString(3));
                    }
                }
            }
            return out;
        });
    }

    public static String key(String uscc, int year) {
        return uscc + "|" + year;
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
