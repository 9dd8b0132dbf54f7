package cn.carbon.surrender.compliance;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.surrender.ledger.Jdbc;
import cn.carbon.surrender.ledger.SqlLedgerStore;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Closes a cycle's compliance deadline once (RULES.md §5, K23): every entity-year still short when the deadline passed
 * is published as {@code OVERDUE} with its uncured shortfall (= what remains), so that the next allocation can owe it
 * 1:1. The close runs before the first compliance change after the deadline (that change waits for it on the close
 * row), and on a schedule by the business clock for cycles where nothing happens after the deadline; so a late
 * compliance always follows the close, whichever came first.
 */
@ApplicationScoped
public class DeadlineClose {

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Rulebooks rulebooks;
    private final Clock clock;
    private final boolean enabled;

    public DeadlineClose(Jdbc jdbc, Outbox outbox, ObjectMapper json, Rulebooks rulebooks, Clock clock,
                         @ConfigProperty(name = "carbon.compliance.deadline-close.enabled", defaultValue = "true")
                         boolean enabled) {
        this.enabled = enabled;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    /** The scheduled close of every cycle whose deadline the business clock has passed. */
    @Scheduled(every = "${carbon.compliance.deadline-close-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sweep() {
        Instant now = clock.instant();
        for (Rulebook rulebook : rulebooks.all()) {
            ensureClosed(rulebook, now);
        }
    }

    /**
     * Closes the cycle's deadline in the caller's transaction if {@code at} lies after it and nobody closed it yet;
     * returns how many entity-years were published as overdue (0 when already closed or not due).
     */
    public int ensureClosed(Rulebook rulebook, Instant at) {
        Instant deadlineEnd = rulebook.complianceDeadline();
        if (!enabled || at.isBefore(deadlineEnd)) {
            return 0;
        }
        if (jdbc.update("insert into compliance_deadline_close (cycle, closed_at) values (?, ?) on conflict do nothing",
                rulebook.cycle(), at) == 0) {
            return 0;
        }
        List<ComplianceEvent> overdue = jdbc.list("""
                select uscc, province_code, compliance_year, obligation_t, obligation_added_t, surrendered_t,
                       offset_t, borrowed_used_t
                from compliance_record
                where cycle = ? and not exempt and obligation_t is not null and completed_at is null
                order by uscc, compliance_year""", rs -> {
            long obligation = rs.getLong(4) + rs.getLong(5);
            long remaining = Math.max(0, obligation - rs.getLong(6) - rs.getLong(7));
            return new ComplianceEvent(rs.getString(1), rs.getString(2), rulebook.cycle(), rs.getInt(3), obligation,
                    rs.getLong(6), rs.getLong(7), rs.getLong(8), remaining, remaining,
                    ComplianceStatus.OVERDUE.name(), null, null);
        }, rulebook.cycle());
        List<ComplianceEvent> stillShort = overdue.stream().filter(e -> e.remainingT() > 0).toList();
        Instant now = Instant.now();
        for (ComplianceEvent e : stillShort) {
            outbox.publish(Topics.COMPLIANCE, new EventEnvelope(UUID.randomUUID(), ComplianceEvent.CHANGED,
                    SqlLedgerStore.SOURCE, now, e.uscc(), rulebook.cycle(), json.valueToTree(e)));
        }
        jdbc.update("update compliance_deadline_close set overdue_published = ? where cycle = ?", stillShort.size(),
                rulebook.cycle());
        return stillShort.size();
    }
}
