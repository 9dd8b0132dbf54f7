package cn.carbon.surrender.compliance;

import cn.carbon.platform.security.FourEyes;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.ledger.Problems;
import cn.carbon.surrender.ledger.Sql;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Notice §五(三): after the deadline an entity that has not complied asks its province; once the province confirms,
 * the registry lets it surrender (the year then becomes COMPLIANT_LATE). The confirmer is never the requester.
 */
@ApplicationScoped
public class LateCompliance {

    private final EntityManager em;
    private final Rulebooks rulebooks;
    private final SqlComplianceBook book;
    private final Clock clock;

    public LateCompliance(EntityManager em, Rulebooks rulebooks, SqlComplianceBook book, Clock clock) {
        this.em = em;
        this.rulebooks = rulebooks;
        this.book = book;
        this.clock = clock;
    }

    public record Request(UUID id, String uscc, String provinceCode, int complianceYear, String reason, String status,
                          String requestedBy, Instant requestedAt, String confirmedBy, Instant confirmedAt) {
    }

    public Request ask(String uscc, int complianceYear, String reason, String by) {
        Rulebook rulebook = rulebooks.forYear(complianceYear).orElseThrow(() -> ProblemException.invalid("complianceYear",
                "no rulebook covers compliance year " + complianceYear));
        Instant now = clock.instant();
        if (now.isBefore(rulebook.complianceDeadline())) {
            throw Problems.conflict("deadline-not-passed", "Deadline not passed", "complianceYear",
                    "surrender for " + complianceYear + " is open until " + rulebook.deadlines().get(Rulebook.COMPLIANCE_DEADLINE));
        }
        YearPosition position = book.lock(uscc, complianceYear);
        if (position.exempt() || position.obligationT() == null || position.remainingT() == 0) {
            throw Problems.conflict("nothing-to-comply", "Nothing to comply", "complianceYear",
                    uscc + " has no outstanding obligation for " + complianceYear);
        }
        if (find(uscc, complianceYear).isPresent()) {
            throw Problems.conflict("late-compliance-already-requested", "Late compliance already requested",
                    "complianceYear", uscc + " already asked for " + complianceYear);
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into late_compliance_request (id, uscc, compliance_year, reason, status, requested_by, "
                        + "requested_at) values (?1, ?2, ?3, ?4, 'REQUESTED', ?5, ?6)")
                .setParameter(1, id).setParameter(2, uscc).setParameter(3, complianceYear).setParameter(4, Sql.text(reason))
                .setParameter(5, by).setParameter(6, Sql.at(now)).executeUpdate();
        return get(id).orElseThrow();
    }

    public Request confirm(Request request, String by) {
        if ("CONFIRMED".equals(request.status())) {
            return request;
        }
        FourEyes.require(by, "late-compliance request " + request.id(), request.requestedBy());
        em.createNativeQuery("update late_compliance_request set status = 'CONFIRMED', confirmed_by = ?2, confirmed_at = ?3 "
                        + "where id = ?1 and status = 'REQUESTED'")
                .setParameter(1, request.id()).setParameter(2, by).setParameter(3, Sql.at(clock.instant())).executeUpdate();
        return get(request.id()).orElseThrow();
    }

    public Optional<Request> get(UUID id) {
        return one("r.id = ?1", id, null);
    }

    private Optional<Request> find(String uscc, int year) {
        return one("r.uscc = ?1 and r.compliance_year = ?2", uscc, year);
    }

    private Optional<Request> one(String where, Object a, Object b) {
        var q = em.createNativeQuery(SELECT + "where " + where).setParameter(1, a);
        if (b != null) {
            q.setParameter(2, b);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().findFirst().map(LateCompliance::request);
    }

    /**
     * A page of the requests, newest first, of one province and/or one entity (null: any) and in one status (REQUESTED
     * or CONFIRMED, null: both).
     */
    public Page<Request> list(String provinceCode, String uscc, String status, int page, int size) {
        String where = "where (cast(?1 as text) is null or e.province_code = ?1) and (cast(?2 as text) is null or r.uscc = ?2) "
                + "and (cast(?3 as text) is null or r.status = ?3) ";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + where + "order by r.requested_at desc, r.id")
                .setParameter(1, provinceCode).setParameter(2, uscc).setParameter(3, status)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from late_compliance_request r "
                        + "join entity_directory e on e.uscc = r.uscc " + where)
                .setParameter(1, provinceCode).setParameter(2, uscc).setParameter(3, status).getSingleResult()).longValue();
        return new Page<>(rows.stream().map(LateCompliance::request).toList(), page, size, total);
    }

    private static final String SELECT = "select r.id, r.uscc, e.province_code, r.compliance_year, r.reason, r.status, "
            + "r.requested_by, r.requested_at, r.confirmed_by, r.confirmed_at from late_compliance_request r "
            + "join entity_directory e on e.uscc = r.uscc ";

    private static Request request(Object[] r) {
        return new Request((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(), (String) r[4],
                (String) r[5], (String) r[6], Sql.instant(r[7]), (String) r[8], Sql.instant(r[9]));
    }
}
