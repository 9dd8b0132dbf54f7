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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Closes the compliance deadline for each entity-year once (RULES.md §5, K23): a year still short when the deadline
 * passed is published as {@code OVERDUE} with its uncured shortfall (= what remains), so that the next allocation owes
 * it 1:1. A compliance change after the deadline closes its own year first, in its transaction (so a late compliance
 * always follows the OVERDUE on the entity's key); a schedule by the business clock closes the years nothing happened to.
 */
@ApplicationScoped
public class DeadlineClose {

    static final int CHUNK = 500;

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Rulebooks rulebooks;
    private final Clock clock;
    private final boolean enabled;

    public DeadlineClose(Jdbc jdbc, Outbox outbox, ObjectMapper json, Rulebooks rulebooks, Clock clock,
                         @ConfigProperty(name = "carbon.compliance.deadline-close.enabled", defaultValue = "true")
                         boolean enabled) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.rulebooks = rulebooks;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** The scheduled close of every entity-year the business clock has taken past its deadline; a chunk a transaction. */
    @Scheduled(every = "${carbon.compliance.deadline-close-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (Rulebook rulebook : rulebooks.all()) {
            while (QuarkusTransaction.requiringNew().call(() -> closeChunk(rulebook, clock.instant())) == CHUNK) {
                // the next chunk
            }
        }
    }

    /** Closes up to {@link #CHUNK} entity-years of the cycle in the caller's transaction; returns how many. */
    int closeChunk(Rulebook rulebook, Instant at) {
        if (!enabled || at.isBefore(rulebook.complianceDeadline())) {
            return 0;
        }
        List<ComplianceEvent> open = jdbc.list(SELECT + " where cycle = ? and overdue_published_at is null "
                + "and completed_at is null and not exempt and obligation_t is not null "
                + "order by uscc, compliance_year limit " + CHUNK + " for update skip locked", rs -> event(rulebook, rs),
                rulebook.cycle());
        open.forEach(e -> publish(rulebook, e, at));
        return open.size();
    }

    /**
     * Before a compliance change at {@code at}: publishes the entity-year OVERDUE first if the deadline passed and that
     * was not done yet (the caller holds the record's lock).
     */
    public void closeBefore(Rulebook rulebook, String uscc, int year, Instant at) {
        if (!enabled || at.isBefore(rulebook.complianceDeadline())) {
            return;
        }
        jdbc.one(SELECT + " where uscc = ? and compliance_year = ? and overdue_published_at is null "
                        + "and completed_at is null and not exempt and obligation_t is not null",
                rs -> event(rulebook, rs), uscc, year).ifPresent(e -> publish(rulebook, e, at));
    }

    private static final String SELECT = "select uscc, province_code, compliance_year, obligation_t, obligation_added_t, "
            + "surrendered_t, offset_t, borrowed_used_t from compliance_record";

    private static ComplianceEvent event(Rulebook rulebook, java.sql.ResultSet rs) throws java.sql.SQLException {
        long obligation = rs.getLong(4) + rs.getLong(5);
        long remaining = Math.max(0, obligation - rs.getLong(6) - rs.getLong(7));
        return new ComplianceEvent(rs.getString(1), rs.getString(2), rulebook.cycle(), rs.getInt(3), obligation,
                rs.getLong(6), rs.getLong(7), rs.getLong(8), remaining, remaining, ComplianceStatus.OVERDUE.name(),
                null, null);
    }

    private void publish(Rulebook rulebook, ComplianceEvent e, Instant at) {
        if (e.remainingT() > 0) {
            outbox.publish(Topics.COMPLIANCE, new EventEnvelope(UUID.randomUUID(), ComplianceEvent.CHANGED,
                    SqlLedgerStore.SOURCE, Instant.now(), e.uscc(), rulebook.cycle(), json.valueToTree(e)));
        }
        jdbc.update("update compliance_record set overdue_published_at = ? where uscc = ? and compliance_year = ?", at,
                e.uscc(), e.complianceYear());
    }
}
