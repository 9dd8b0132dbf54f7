package cn.carbon.allocation.deadlines;

import cn.carbon.contracts.rulebook.Deadline;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.StageAction;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allocation-stage deadlines of the rulebook ({@code deadlines.<key>.appliesTo}) judged by the business clock: an
 * action after its deadline needs a reason ({@code lateReason}, else 422 and nothing is done) and is recorded as late,
 * per province (table {@code stage_action}).
 */
@ApplicationScoped
public class StageDeadlines {

    public static final int MAX_REASON = 1000;

    private final Jdbc jdbc;
    private final Clock clock;

    public StageDeadlines(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The action judged now against its deadline.
     *
     * @param deadline null when the rulebook binds no deadline to the action (then it is never late)
     */
    public record Judgement(StageAction action, Deadline deadline, Instant at, boolean late, String lateReason) {
    }

    /** Judges {@code action} now; 422 naming {@code lateReason} when its deadline has passed and no reason is given. */
    public Judgement judge(Rulebook rb, StageAction action, String lateReason) {
        String reason = lateReason == null || lateReason.isBlank() ? null : lateReason.strip();
        if (reason != null && reason.length() > MAX_REASON) {
            throw ProblemException.invalid("lateReason", "at most " + MAX_REASON + " characters");
        }
        Instant now = clock.instant();
        Deadline d = rb.deadlineOf(action).orElse(null);
        boolean late = d != null && d.isMissedAt(now);
        if (late && reason == null) {
            throw ProblemException.unprocessable("deadline-passed", "Deadline passed",
                    action + " is due by " + d.date().value() + " (" + d.zone() + ", rulebook deadlines." + d.key()
                            + "): after it, say why in lateReason",
                    List.of(Problem.FieldError.field("lateReason", "required after the deadline " + d.key() + " ("
                            + d.date().value() + ")")));
        }
        return new Judgement(action, d, now, late, late ? reason : null);
    }

    /** Records the judged action for each of {@code provinces} (nothing when the rulebook binds no deadline to it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Rulebook rb, Judgement j, Collection<String> provinces, String reference, String by) {
        if (j.deadline() == null || provinces.isEmpty()) {
            return;
        }
        jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into stage_action (cycle, province_code, action, reference, deadline_key, deadline_date,
                                              late, late_reason, done_by, done_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (String p : provinces) {
                    Jdbc.bind(ps, rb.cycle(), p, j.action().name(), reference, j.deadline().key(),
                            j.deadline().date().value(), j.late(), j.lateReason(), by, j.at());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The provinces of the register's entities (a registry action for all provinces is recorded for each). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> provincesOf(Collection<String> usccs) {
        return jdbc.work(c -> {
            Set<String> out = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement(usccs == null
                    ? "select distinct province_code from key_emitting_entity order by 1"
                    : "select distinct province_code from key_emitting_entity where uscc = any(?) order by 1")) {
                if (usccs != null) {
                    ps.setArray(1, c.createArrayOf("varchar", usccs.toArray()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Each allocation-stage deadline of the rulebook (those that bind an action) and the province's state. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<DeadlineStatus> of(Rulebook rb, String province) {
        List<ActionDone> done = done(rb.cycle(), province);
        Map<StageAction, Set<String>> required = new EnumMap<>(StageAction.class);
        required.put(StageAction.COMPLIANCE_NOTICE, entitiesOf(rb.cycle(), province));
        Instant now = clock.instant();
        List<DeadlineStatus> out = new ArrayList<>();
        for (Deadline d : rb.deadlines().values()) {
            if (!d.appliesTo().isEmpty()) {
                out.add(DeadlineStatus.judge(d, now, done, required));
            }
        }
        return out;
    }

    private List<ActionDone> done(String cycle, String province) {
        return jdbc.work(c -> {
            List<ActionDone> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select action, reference, done_at, done_by, late, late_reason from stage_action
                    where cycle = ? and province_code = ? order by done_at, id""")) {
                Jdbc.bind(ps, cycle, province);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ActionDone(StageAction.valueOf(rs.getString(1)), rs.getString(2),
                                Jdbc.instant(rs.getTimestamp(3)), rs.getString(4), rs.getBoolean(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Every entity the province allocates in the cycle gets its compliance notice. Not every entity registered there:
     * one registered later (for a later cycle, a new sector) would turn a deadline met long ago into OVERDUE.
     */
    private Set<String> entitiesOf(String cycle, String province) {
        return jdbc.work(c -> {
            Set<String> out = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select distinct a.uscc from entity_year_allocation a
                    join key_emitting_entity e on e.uscc = a.uscc
                    where a.cycle = ? and a.province_code = ? and e.status <> 'DISSOLVED'""")) {
                Jdbc.bind(ps, cycle, province);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }
}
