package cn.carbon.surrender.freeze;

import cn.carbon.platform.security.FourEyes;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.ledger.AccountRef;
import cn.carbon.surrender.ledger.Problems;
import cn.carbon.surrender.ledger.Sql;
import cn.carbon.surrender.ledger.SqlLedgerStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Court freezes of an entity's holding account (涉司法冻结), two registry users each time: one records the court order,
 * another approves it (then the account is frozen); lifting it likewise. Who asked, who approved, when, why and by
 * which court document is kept. Every step takes the holding account's lock first (as every posting does), so a
 * freeze takes effect between two postings, never in the middle of one. The ledger enforces it ({@code Ledger
 * .requireMayDebit}, V3 trigger).
 */
@ApplicationScoped
public class AccountFreezes {

    private static final String COLUMNS = "f.id, f.uscc, e.province_code, f.status, f.reason, f.court_document, "
            + "f.requested_by, f.requested_at, f.approved_by, f.approved_at, f.release_reason, f.release_document, "
            + "f.release_requested_by, f.release_requested_at, f.released_by, f.released_at";

    private final EntityManager em;
    private final SqlLedgerStore accounts;
    private final Clock clock;

    public AccountFreezes(EntityManager em, SqlLedgerStore accounts, Clock clock) {
        this.em = em;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A court order: why, and the document's reference (e.g. the court's ruling number). */
    public record CourtOrder(String reason, String courtDocument) {
    }

    /**
     * @param effective true while the account is frozen by it (ACTIVE or RELEASE_PENDING)
     * @param since     when it took effect (its approval)
     */
    public record Freeze(UUID id, String uscc, String provinceCode, String status, boolean effective, String reason,
                         String courtDocument, Instant since, String requestedBy, Instant requestedAt,
                         String approvedBy, Instant approvedAt, String releaseReason, String releaseDocument,
                         String releaseRequestedBy, Instant releaseRequestedAt, String releasedBy,
                         Instant releasedAt) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Freeze request(String uscc, CourtOrder order, String by) {
        validate(order);
        AccountRef holding = AccountRef.holding(uscc);
        accounts.lock(List.of(holding));
        @SuppressWarnings("unchecked")
        List<Object> same = em.createNativeQuery("select id from account_freeze where uscc = ?1 and court_document = ?2 "
                        + "and status <> 'RELEASED'").setParameter(1, uscc).setParameter(2, order.courtDocument().strip())
                .getResultList();
        if (!same.isEmpty()) {
            throw Problems.conflict("freeze-exists", "Freeze exists", "courtDocument", "court document "
                    + order.courtDocument().strip() + " already freezes (or is about to freeze) " + uscc + ": " + same.get(0));
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into account_freeze (id, uscc, account_id, status, reason, court_document, "
                        + "requested_by, requested_at) values (?1, ?2, ?3, 'PENDING', ?4, ?5, ?6, ?7)")
                .setParameter(1, id).setParameter(2, uscc).setParameter(3, accounts.id(holding))
                .setParameter(4, order.reason().strip()).setParameter(5, order.courtDocument().strip())
                .setParameter(6, by).setParameter(7, Sql.at(clock.instant())).executeUpdate();
        return get(id).orElseThrow();
    }

    /** Another registry user approves: the account is frozen from now on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Freeze approve(UUID id, String by) {
        Freeze f = lock(id);
        if (!"PENDING".equals(f.status())) {
            throw Problems.conflict("freeze-not-pending", "Freeze not pending", "id",
                    "freeze " + id + " is " + f.status() + "; only a PENDING freeze is approved");
        }
        FourEyes.require(by, "freeze " + id + " (requested by " + f.requestedBy() + ")", f.requestedBy());
        em.createNativeQuery("update account_freeze set status = 'ACTIVE', approved_by = ?2, approved_at = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, by).setParameter(3, Sql.at(clock.instant())).executeUpdate();
        return get(id).orElseThrow();
    }

    /** A registry user asks to lift an effective freeze (the court's release order); the account stays frozen. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Freeze requestRelease(UUID id, CourtOrder order, String by) {
        validate(order);
        Freeze f = lock(id);
        if (!"ACTIVE".equals(f.status())) {
            throw Problems.conflict("freeze-not-active", "Freeze not active", "id",
                    "freeze " + id + " is " + f.status() + "; only an ACTIVE freeze can be released");
        }
        em.createNativeQuery("update account_freeze set status = 'RELEASE_PENDING', release_reason = ?2, "
                        + "release_document = ?3, release_requested_by = ?4, release_requested_at = ?5 where id = ?1")
                .setParameter(1, id).setParameter(2, order.reason().strip()).setParameter(3, order.courtDocument().strip())
                .setParameter(4, by).setParameter(5, Sql.at(clock.instant())).executeUpdate();
        return get(id).orElseThrow();
    }

    /** Another registry user approves the release: this freeze no longer holds the account. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Freeze approveRelease(UUID id, String by) {
        Freeze f = lock(id);
        if (!"RELEASE_PENDING".equals(f.status())) {
            throw Problems.conflict("release-not-pending", "Release not pending", "id",
                    "freeze " + id + " is " + f.status() + "; only a RELEASE_PENDING freeze has a release to approve");
        }
        FourEyes.require(by, "release of freeze " + id + " (requested by " + f.releaseRequestedBy() + ")",
                f.releaseRequestedBy());
        em.createNativeQuery("update account_freeze set status = 'RELEASED', released_by = ?2, released_at = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, by).setParameter(3, Sql.at(clock.instant())).executeUpdate();
        return get(id).orElseThrow();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Freeze> get(UUID id) {
        return select("f.id = ?1", id).stream().findFirst();
    }

    /** Every freeze of the entity's account, newest request first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Freeze> history(String uscc) {
        return select("f.uscc = ?1 order by f.requested_at desc, f.id", uscc);
    }

    /** The freezes holding the entity's account now, oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Freeze> effective(String uscc) {
        return select("f.uscc = ?1 and f.status in ('ACTIVE', 'RELEASE_PENDING') order by f.approved_at, f.id", uscc);
    }

    /** The holding account's lock, then the freeze's row: the order every posting on that account keeps too. */
    private Freeze lock(UUID id) {
        Freeze f = get(id).orElseThrow(() -> ProblemException.notFound("freeze " + id));
        accounts.lock(List.of(AccountRef.holding(f.uscc())));
        em.createNativeQuery("select id from account_freeze where id = ?1 for update").setParameter(1, id).getResultList();
        return get(id).orElseThrow();
    }

    private List<Freeze> select(String where, Object param) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from account_freeze f "
                + "join entity_directory e on e.uscc = f.uscc where " + where).setParameter(1, param).getResultList();
        List<Freeze> out = new ArrayList<>();
        for (Object[] r : rows) {
            String status = (String) r[3];
            out.add(new Freeze((UUID) r[0], (String) r[1], (String) r[2], status,
                    "ACTIVE".equals(status) || "RELEASE_PENDING".equals(status), (String) r[4], (String) r[5],
                    Sql.instant(r[9]), (String) r[6], Sql.instant(r[7]), (String) r[8], Sql.instant(r[9]),
                    (String) r[10], (String) r[11], (String) r[12], Sql.instant(r[13]), (String) r[14],
                    Sql.instant(r[15])));
        }
        return out;
    }

    private static void validate(CourtOrder order) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (order == null || order.reason() == null || order.reason().isBlank()) {
            errors.add(Problem.FieldError.field("reason", "is required: why the court froze (or releases) the account"));
        } else if (order.reason().length() > 2000) {
            errors.add(Problem.FieldError.field("reason", "at most 2000 characters"));
        }
        if (order == null || order.courtDocument() == null || order.courtDocument().isBlank()) {
            errors.add(Problem.FieldError.field("courtDocument", "is required: the reference of the court's order"));
        } else if (order.courtDocument().length() > 200) {
            errors.add(Problem.FieldError.field("courtDocument", "at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
