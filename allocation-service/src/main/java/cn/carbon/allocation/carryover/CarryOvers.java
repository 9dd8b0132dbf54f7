package cn.carbon.allocation.carryover;

import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.contracts.CarryOverStatement;
import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per entity, what its next allocation owes after the cycle: approved borrowing (预支) and relief (纾困预支) advances
 * ({@code next_allocation_deduction}) and each uncured shortfall at the compliance deadline ({@code shortfall_line},
 * from carbon.compliance.v1). Every change publishes the whole statement on the compacted carbon.carry-over.v1
 * (key = USCC) through the outbox, in the transaction of the change.
 */
@ApplicationScoped
public class CarryOvers {

    static final String SOURCE = "allocation-service";

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final ObjectMapper json;

    public CarryOvers(Jdbc jdbc, Outbox outbox, ObjectMapper json) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
    }

    /** A statement line with the entity it belongs to (for the province's list). */
    public record EntityLine(String uscc, String name, String provinceCode, CarryOverStatement.Line line) {
    }

    /**
     * Moves the entity-year's shortfall line by the stored compliance record ({@link ShortfallRule}); publishes the
     * statement when a line changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onCompliance(Rulebook rb, ComplianceEvent e, EventEnvelope event) {
        String cycle = rb.cycle();
        if (provinceOf(e.uscc()) == null) {
            return; // not an entity of this register: nothing it could owe here
        }
        Long owed = owedShortfall(cycle, e.uscc(), e.complianceYear()).orElse(null);
        ShortfallRule.Change change = ShortfallRule.next(owed, e.status(), e.shortfallT());
        if (change.kind() == ShortfallRule.Kind.NONE) {
            return;
        }
        Instant at = event.time();
        jdbc.work(c -> {
            if (change.kind() != ShortfallRule.Kind.OPEN) {
                String state = change.kind() == ShortfallRule.Kind.CANCEL ? "CANCELLED" : "SUPERSEDED";
                try (PreparedStatement ps = c.prepareStatement("""
                        update shortfall_line set state = ?, state_changed_at = ?, state_reason = ?
                        where cycle = ? and uscc = ? and compliance_year = ? and state = 'OWED'""")) {
                    Jdbc.bind(ps, state, at, change.reason(), cycle, e.uscc(), e.complianceYear());
                    ps.executeUpdate();
                }
            }
            if (change.kind() == ShortfallRule.Kind.OPEN || change.kind() == ShortfallRule.Kind.SUPERSEDE) {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into shortfall_line (cycle, uscc, compliance_year, vintage, quantity_t, state,
                                                    compliance_event, recorded_at) values (?, ?, ?, ?, ?, 'OWED', ?, ?)""")) {
                    Jdbc.bind(ps, cycle, e.uscc(), e.complianceYear(), nextVintage(rb), change.quantityT(),
                            event.id(), at);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        publish(rb, e.uscc());
    }

    /** Publishes the entity's statement as it is now, with the next revision number. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CarryOverStatement publish(Rulebook rb, String uscc) {
        int revision = jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into carry_over_statement (cycle, uscc, revision, published_at) values (?, ?, 1, now())
                    on conflict (cycle, uscc) do update set revision = carry_over_statement.revision + 1,
                        published_at = now()
                    returning revision""")) {
                Jdbc.bind(ps, rb.cycle(), uscc);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        CarryOverStatement s = statement(rb, uscc, revision);
        outbox.publish(Topics.CARRY_OVER, EventEnvelope.of(CarryOverStatement.CHANGED, SOURCE, uscc, rb.cycle(),
                json.valueToTree(s)));
        return s;
    }

    /** The entity's statement as it stands (revision: the last published, 0 before any). */
    @Transactional(Transactional.TxType.MANDATORY)
    public CarryOverStatement statement(Rulebook rb, String uscc) {
        int revision = jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select revision from carry_over_statement where cycle = ? and uscc = ?")) {
                Jdbc.bind(ps, rb.cycle(), uscc);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
        return statement(rb, uscc, revision);
    }

    private CarryOverStatement statement(Rulebook rb, String uscc, int revision) {
        List<EntityLine> lines = lines(rb.cycle(), uscc, null);
        String province = lines.isEmpty() ? provinceOf(uscc) : lines.get(0).provinceCode();
        List<CarryOverStatement.Line> ls = lines.stream().map(EntityLine::line).toList();
        long owed = ls.stream().filter(l -> "OWED".equals(l.state())).mapToLong(CarryOverStatement.Line::quantityT)
                .sum();
        return new CarryOverStatement(uscc, province, rb.cycle(), nextVintage(rb), revision, owed, ls);
    }

    /** Whether the entity had a shortfall at the compliance deadline of {@code year} (any line, cured or not). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean hadShortfall(String cycle, String uscc, int year) {
        return jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select 1 from shortfall_line where cycle = ? and uscc = ? and compliance_year = ? limit 1")) {
                Jdbc.bind(ps, cycle, uscc, year);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Every line of the entity ({@code uscc}) or of the province's entities ({@code province}), oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EntityLine> lines(String cycle, String uscc, String province) {
        return jdbc.work(c -> {
            List<EntityLine> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select * from (
                      select e.uscc, e.name, e.province_code, d.source || '_REPAYMENT' as kind,
                             coalesce(b.compliance_year, r.compliance_year) as compliance_year, d.vintage,
                             d.quantity_t, 'OWED' as state, d.reference, d.recorded_at,
                             cast(null as timestamptz) as state_changed_at, cast(null as text) as state_reason
                      from next_allocation_deduction d join key_emitting_entity e on e.uscc = d.uscc
                      left join borrowing_application b on d.reference = 'borrowing:' || b.id
                      left join relief_application r on d.reference = 'relief:' || r.id
                      where d.cycle = ?
                      union all
                      select e.uscc, e.name, e.province_code, 'SHORTFALL', s.compliance_year, s.vintage, s.quantity_t,
                             s.state, 'compliance-event:' || s.compliance_event, s.recorded_at, s.state_changed_at,
                             s.state_reason
                      from shortfall_line s join key_emitting_entity e on e.uscc = s.uscc
                      where s.cycle = ?) l
                    where (cast(? as text) is null or l.uscc = ?) and (cast(? as text) is null or l.province_code = ?)
                    order by l.uscc, l.recorded_at, l.kind""")) {
                Jdbc.bind(ps, cycle, cycle, uscc, uscc, province, province);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EntityLine(rs.getString(1), rs.getString(2), rs.getString(3),
                                new CarryOverStatement.Line(rs.getString(4), Jdbc.nullableInt(rs, "compliance_year"),
                                        rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9),
                                        Jdbc.instant(rs.getTimestamp(10)), Jdbc.instant(rs.getTimestamp(11)),
                                        rs.getString(12))));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The next allocation the lines are deducted from: the vintage borrowing is repaid from (rulebook), or, where the
     * rulebook has no borrowing, the year after its last compliance year.
     */
    public static String nextVintage(Rulebook rb) {
        return rb.borrowingRule().map(b -> b.sourceVintage().value())
                .orElseGet(() -> String.valueOf(rb.complianceYears().stream().mapToInt(Integer::intValue).max()
                        .orElseThrow() + 1));
    }

    private Optional<Long> owedShortfall(String cycle, String uscc, int year) {
        return jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select quantity_t from shortfall_line
                    where cycle = ? and uscc = ? and compliance_year = ? and state = 'OWED'""")) {
                Jdbc.bind(ps, cycle, uscc, year);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    private String provinceOf(String uscc) {
        return jdbc.work(c -> provinceOf(c, uscc));
    }

    private static String provinceOf(Connection c, String uscc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select province_code from key_emitting_entity where uscc = ?")) {
            Jdbc.bind(ps, uscc);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
