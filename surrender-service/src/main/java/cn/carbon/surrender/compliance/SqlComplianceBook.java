package cn.carbon.surrender.compliance;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.certificates.Certificates;
import cn.carbon.surrender.ledger.Jdbc;
import cn.carbon.surrender.ledger.SqlLedgerStore;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Compliance records in PostgreSQL: each change updates the record, appends to its history (for the status as of
 * any date), issues the certificate when the year becomes complied, and publishes {@link ComplianceEvent}s through
 * the outbox in the same transaction.
 */
@ApplicationScoped
public class SqlComplianceBook implements ComplianceBook {

    private static final String COLUMNS = "obligation_t, exempt, obligation_added_t, surrendered_t, borrowed_t, "
            + "borrowed_used_t, offset_t, shortfall_t, completed_at";

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Rulebooks rulebooks;
    private final Certificates certificates;
    private final DeadlineClose deadlineClose;

    public SqlComplianceBook(Jdbc jdbc, Outbox outbox, ObjectMapper json, Rulebooks rulebooks,
                             Certificates certificates, DeadlineClose deadlineClose) {
        this.deadlineClose = deadlineClose;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.rulebooks = rulebooks;
        this.certificates = certificates;
    }

    @Override
    public YearPosition lock(String uscc, int complianceYear) {
        Optional<YearPosition> row = select(uscc, complianceYear);
        if (row.isEmpty()) {
            Rulebook rulebook = rulebook(complianceYear);
            jdbc.update("insert into compliance_record (uscc, compliance_year, cycle, province_code, updated_at) "
                    + "select uscc, ?, ?, province_code, now() from entity_directory where uscc = ? on conflict do nothing",
                    complianceYear, rulebook.cycle(), uscc);
            row = select(uscc, complianceYear);
        }
        return row.orElseThrow(() -> ProblemException.notFound("entity " + uscc));
    }

    private Optional<YearPosition> select(String uscc, int year) {
        return jdbc.one("select " + COLUMNS + " from compliance_record where uscc = ? and compliance_year = ? for update",
                rs -> new YearPosition(uscc, year, Jdbc.longOrNull(rs, 1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), Jdbc.instant(rs, 9)), uscc, year);
    }

    @Override
    public YearPosition change(YearPosition before, YearPosition after, String cause, Instant at) {
        String uscc = after.uscc();
        int year = after.complianceYear();
        Rulebook rulebook = rulebook(year);
        deadlineClose.closeBefore(rulebook, uscc, year, at); // OVERDUE goes first, then this change
        YearPosition next = ComplianceStatus.withCompletion(after, at);
        ComplianceStatus status = ComplianceStatus.of(next.exempt(), next.remainingT(), next.completedAt(), at,
                rulebook.complianceDeadline());
        String[] record = jdbc.one("select r.certificate_id, r.province_code, e.name from compliance_record r "
                        + "join entity_directory e on e.uscc = r.uscc where r.uscc = ? and r.compliance_year = ?",
                rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}, uscc, year).orElseThrow();
        String certificateId = record[0];
        String province = record[1];
        if (!status.complied()) {
            certificateId = null;
        } else if (certificateId == null) {
            certificateId = certificates.issue(next, status, rulebook, record[2], province, at);
        }
        jdbc.update("update compliance_record set obligation_t = ?, exempt = ?, obligation_added_t = ?, surrendered_t = ?, "
                        + "borrowed_t = ?, borrowed_used_t = ?, offset_t = ?, shortfall_t = ?, completed_at = ?, "
                        + "certificate_id = ?, updated_at = ? where uscc = ? and compliance_year = ?",
                next.obligationT(), next.exempt(), next.obligationAddedT(), next.surrenderedT(), next.borrowedT(),
                next.borrowedUsedT(), next.offsetT(), next.shortfallT(), next.completedAt(), certificateId, at, uscc, year);
        jdbc.update("insert into compliance_history (uscc, compliance_year, at, obligation_t, obligation_added_t, exempt, "
                        + "remaining_t, shortfall_t, completed_at, cause) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                uscc, year, at, next.obligationT(), next.obligationAddedT(), next.exempt(), next.remainingT(),
                next.shortfallT(), next.completedAt(), cause);
        ComplianceEvent event = new ComplianceEvent(uscc, province, rulebook.cycle(), year,
                next.obligationT() == null ? 0 : next.obligationT() + next.obligationAddedT(), next.surrenderedT(),
                next.offsetT(), next.borrowedUsedT(), next.remainingT() == null ? 0 : next.remainingT(),
                // after the deadline the shortfall is what remains uncured (DeadlineClose publishes the same)
                status == ComplianceStatus.OVERDUE && next.remainingT() != null ? next.remainingT() : next.shortfallT(),
                status.name(), next.completedAt(), certificateId);
        outbox.publish(Topics.COMPLIANCE, new EventEnvelope(UUID.randomUUID(), ComplianceEvent.CHANGED,
                SqlLedgerStore.SOURCE, Instant.now(), uscc, rulebook.cycle(), json.valueToTree(event)));
        if ("FORCED_SURRENDER".equals(cause) && next.shortfallT() > 0) {
            outbox.publish(Topics.COMPLIANCE, new EventEnvelope(UUID.randomUUID(), ComplianceEvent.SHORTFALL,
                    SqlLedgerStore.SOURCE, Instant.now(), uscc, rulebook.cycle(), json.valueToTree(event)));
        }
        return next;
    }

    @Override
    public boolean lateSurrenderConfirmed(String uscc, int complianceYear) {
        return jdbc.one("select 1 from late_compliance_request where uscc = ? and compliance_year = ? and status = 'CONFIRMED'",
                rs -> true, uscc, complianceYear).isPresent();
    }

    private Rulebook rulebook(int year) {
        return rulebooks.forYear(year)
                .orElseThrow(() -> ProblemException.invalid("complianceYear", "no rulebook covers " + year));
    }
}
