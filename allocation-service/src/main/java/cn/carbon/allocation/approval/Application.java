package cn.carbon.allocation.approval;

import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.FourEyes;
import cn.carbon.platform.web.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What borrowing (预支) and relief (纾困) applications share: who applied for which entity-year and how much, under
 * which rulebook version, and the decision of another person (four eyes).
 */
@MappedSuperclass
public abstract class Application extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

    @Id
    public UUID id;
    public String cycle;
    public String uscc;
    @Column(name = "province_code")
    public String provinceCode;
    @Column(name = "compliance_year")
    public int complianceYear;
    @Column(name = "requested_t")
    public long requestedT;
    public String reason;
    public String status;
    @Column(name = "rulebook_id")
    public String rulebookId;
    @Column(name = "rulebook_version")
    public int rulebookVersion;
    @Column(name = "applied_by")
    public String appliedBy;
    @Column(name = "applied_at")
    public Instant appliedAt;
    @Column(name = "approved_t")
    public Long approvedT;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;
    @Version
    public long version;

    /** Fills in a new, pending application. */
    public void applied(Rulebook rb, KeyEmittingEntity e, int year, long requested, String why, String by,
                           Instant at) {
        id = UUID.randomUUID();
        cycle = rb.cycle();
        uscc = e.uscc;
        provinceCode = e.provinceCode;
        complianceYear = year;
        requestedT = requested;
        reason = why.strip();
        status = PENDING;
        rulebookId = rb.id();
        rulebookVersion = rb.version();
        appliedBy = by;
        appliedAt = at;
    }

    /**
     * Opens the decision: locks the application, which must still be pending (409), and must not be decided by its
     * applicant (403 four-eyes); returns the quantity the decision approves (0 for a rejection).
     */
    public long open(EntityManager em, Decision d, String decider) {
        em.lock(this, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(this);
        String what = getClass().getSimpleName() + " " + id;
        if (!PENDING.equals(status)) {
            throw ProblemException.conflict("already-decided", "Already decided", what + " is " + status);
        }
        FourEyes.require(decider, what, appliedBy);
        return d.approvedOf(requestedT);
    }

    /** Records the decision. */
    public void decided(Decision d, long approved, String decider, Instant at) {
        status = d.approves() ? APPROVED : REJECTED;
        approvedT = d.approves() ? approved : null;
        decidedBy = decider;
        decidedAt = at;
        decisionNote = d.note() == null || d.note().isBlank() ? null : d.note().strip();
    }

    /** Whether the entity-year already has a pending or approved application of this kind. */
    public static boolean live(EntityManager em, Class<? extends Application> type, String cycle, String uscc,
                               int year) {
        return em.createQuery("select count(a) from " + type.getSimpleName() + " a where a.cycle = ?1 and a.uscc = ?2"
                        + " and a.complianceYear = ?3 and a.status in ?4", Long.class)
                .setParameter(1, cycle).setParameter(2, uscc).setParameter(3, year)
                .setParameter(4, List.of(PENDING, APPROVED)).getSingleResult() > 0;
    }

    /** The application {@code id} if the caller may see it (its entity's scope); otherwise 404. */
    public static <T extends Application> T visible(EntityManager em, Class<T> type, String id, Caller caller) {
        T a = null;
        try {
            a = em.find(type, UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            // not an id: not found
        }
        if (a == null || !caller.maySee(a.uscc, a.provinceCode)) {
            throw ProblemException.notFound(type.getSimpleName() + " " + id);
        }
        return a;
    }

    /** Records an approved advance as a deduction from the entity's next allocation (RULES.md §4.8, §4.9). */
    public void deductFromNextAllocation(EntityManager em, String source, String vintage, long quantityT, String by,
                                         Instant at) {
        em.createNativeQuery("""
                        insert into next_allocation_deduction (cycle, uscc, vintage, quantity_t, source, reference,
                        recorded_by, recorded_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, cycle).setParameter(2, uscc).setParameter(3, vintage).setParameter(4, quantityT)
                .setParameter(5, source).setParameter(6, source.toLowerCase() + ":" + id).setParameter(7, by)
                .setParameter(8, at).executeUpdate();
    }
}
