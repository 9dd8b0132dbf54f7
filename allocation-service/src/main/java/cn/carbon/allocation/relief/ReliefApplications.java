package cn.carbon.allocation.relief;

import cn.carbon.allocation.approval.Application;
import cn.carbon.allocation.approval.Decision;
import cn.carbon.allocation.carryover.CarryOvers;
import cn.carbon.allocation.borrowing.BorrowingApplication;
import cn.carbon.allocation.engine.DifferentiatedIssuance;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.issuance.AllocationRuns;
import cn.carbon.allocation.issuance.AllocationViews;
import cn.carbon.allocation.issuance.EntityAllocation;
import cn.carbon.contracts.rulebook.Deadline;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hardship relief (个性化纾困, notice §三; RULES.md §4.9): for an entity with a major public-service duty that still
 * has a gap after the floor and borrowing, the province applies by the rulebook's deadline
 * ({@value #DEADLINE}); the ministry decides — never the person who applied (four eyes). An approved relief is
 * issued as an advance (stage RELIEF on carbon.allocations.v1, to where the entity's verification-stage allowances go)
 * and recorded as a deduction from its next allocation, like the "纾困预支配额量" of the adjustment tables.
 */
@ApplicationScoped
public class ReliefApplications {

    /** The rulebook deadline key of relief plans. */
    public static final String DEADLINE = "hardshipReliefApplication";

    private final Rulebooks rulebooks;
    private final AllocationViews views;
    private final AllocationRuns runs;
    private final EntityManager em;
    private final Clock clock;
    private final CarryOvers carryOvers;

    public ReliefApplications(Rulebooks rulebooks, AllocationViews views, AllocationRuns runs, EntityManager em,
                              Clock clock, CarryOvers carryOvers) {
        this.carryOvers = carryOvers;
        this.rulebooks = rulebooks;
        this.views = views;
        this.runs = runs;
        this.em = em;
        this.clock = clock;
    }

    public record Request(String uscc, Integer complianceYear, Long quantityT, String publicServiceDuty,
                              String reason) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReliefApplication apply(Rulebook rb, KeyEmittingEntity entity, Request a, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (a.complianceYear() == null || !rb.isComplianceYear(a.complianceYear())) {
            errors.add(Problem.FieldError.field("complianceYear", "must be a year of the cycle " + rb.complianceYears()));
        }
        if (a.quantityT() == null || a.quantityT() <= 0) {
            errors.add(Problem.FieldError.field("quantityT", "must be a positive number of tonnes"));
        }
        text(errors, "publicServiceDuty", a.publicServiceDuty(), "the public-service duty (e.g. district heating)");
        text(errors, "reason", a.reason(), "why the entity cannot comply after the floor and borrowing");
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        int year = a.complianceYear();
        Instant now = clock.instant();
        Deadline deadline = rb.deadlines().get(DEADLINE);
        if (deadline != null && deadline.isMissedAt(now)) {
            throw ProblemException.unprocessable("relief-refused", "Relief refused", "relief plans were due by "
                    + deadline.date().value() + " (" + deadline.zone() + ")", List.of(Problem.FieldError.field(
                    "complianceYear", "applied after the deadline " + deadline.date().value() + " ("
                            + deadline.date().path() + ")")));
        }
        if (!DifferentiatedIssuance.hasObligation(entity.status)) {
            throw ProblemException.unprocessable("relief-refused", "Relief refused", "entity " + entity.uscc + " is "
                    + entity.status + " and has no obligation", List.of(Problem.FieldError.field("uscc",
                    "a " + entity.status + " entity has no obligation to relieve")));
        }
        if (Application.live(em, ReliefApplication.class, rb.cycle(), entity.uscc, year)) {
            throw ProblemException.conflict("relief-exists", "Application exists", "entity " + entity.uscc
                    + " already has a pending or approved relief application for " + year);
        }
        long gap = remainingGap(rb, entity.uscc, year);
        if (a.quantityT() > gap) {
            throw ProblemException.unprocessable("relief-above-gap", "Above the remaining gap", a.quantityT()
                    + " t requested, the gap left after the floor and borrowing is " + gap + " t",
                    List.of(Problem.FieldError.field("quantityT", "at most " + gap + " t")));
        }
        ReliefApplication r = new ReliefApplication();
        r.applied(rb, entity, year, a.quantityT(), a.reason(), by, now);
        r.publicServiceDuty = a.publicServiceDuty().strip();
        r.gapT = gap;
        r.persist();
        return r;
    }

    /** The ministry's decision; an approval is checked again against the gap left now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReliefApplication decide(ReliefApplication r, KeyEmittingEntity entity, Decision d, String by) {
        long approved = r.open(em, d, by);
        Instant now = clock.instant();
        if (d.approves()) {
            Rulebook rb = rulebooks.current(r.cycle);
            long gap = remainingGap(rb, r.uscc, r.complianceYear);
            if (approved > gap) {
                throw ProblemException.unprocessable("relief-above-gap", "Above the remaining gap", approved
                        + " t cannot be approved, the gap left is now " + gap + " t",
                        List.of(Problem.FieldError.field("quantityT", "at most " + gap + " t")));
            }
            var destination = DifferentiatedIssuance.verificationDestination(entity.status).orElseThrow(() ->
                    ProblemException.unprocessable("relief-refused", "Relief refused", "entity " + r.uscc + " is "
                            + entity.status + " and receives no allowances", List.of()));
            runs.issueRelief(rb, r.uscc, r.complianceYear, destination, approved,
                    "RULES.md §4.9: hardship relief (纾困) approved by the ministry, application " + r.id, by);
            r.deductFromNextAllocation(em, "RELIEF", CarryOvers.nextVintage(rb), approved, by, now);
            em.flush(); // the statement reads the deduction through JDBC
            carryOvers.publish(rb, r.uscc);
        }
        r.decided(d, approved, by, now);
        return r;
    }

    /** The verified gap of the year less approved borrowing: what relief may still cover. */
    private long remainingGap(Rulebook rb, String uscc, int year) {
        EntityAllocation.Verification v = views.verified(rb.cycle(), uscc, year).orElseThrow(() ->
                ProblemException.conflict("not-verified", "Not verified yet", "relief needs the verified (核定) gap of "
                        + year + "; " + uscc + " is not verified for " + year));
        long borrowed = BorrowingApplication.<BorrowingApplication>stream(
                        "cycle = ?1 and uscc = ?2 and complianceYear = ?3 and status = ?4", rb.cycle(), uscc, year,
                        BorrowingApplication.APPROVED)
                .mapToLong(b -> b.approvedT == null ? 0 : b.approvedT).sum();
        return Math.max(0, v.gapT() - borrowed);
    }

    private static void text(List<Problem.FieldError> errors, String field, String value, String what) {
        if (value == null || value.isBlank()) {
            errors.add(Problem.FieldError.field(field, "is required: " + what));
        } else if (value.length() > Decision.MAX_NOTE) {
            errors.add(Problem.FieldError.field(field, "at most " + Decision.MAX_NOTE + " characters"));
        }
    }
}
