package cn.carbon.allocation.borrowing;

import cn.carbon.allocation.engine.BorrowingRules;

import cn.carbon.allocation.approval.Application;
import cn.carbon.allocation.approval.Decision;
import cn.carbon.allocation.carryover.CarryOvers;
import cn.carbon.allocation.engine.AllocationEngine;
import cn.carbon.allocation.engine.BorrowingAssessment;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.issuance.AllocationViews;
import cn.carbon.allocation.issuance.EntityAllocation;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.contracts.BorrowingEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Borrowing (预支) of next-cycle allowances (notice §一, §三; RULES.md §4.8, §11.3): the entity applies for a verified
 * year; the engine's rule decides eligibility (gap rate, not a special-situation entity, by the rulebook's deadline
 * on the injected clock) and the ceiling; the province decides — never the applicant (four eyes). An approval is
 * published on carbon.borrowing.v1 and recorded as a deduction from the entity's next allocation (2023).
 */
@ApplicationScoped
public class BorrowingApplications {

    static final String SOURCE = "allocation-service";

    private final Rulebooks rulebooks;
    private final AllocationViews views;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final EntityManager em;
    private final Clock clock;
    private final CarryOvers carryOvers;

    public BorrowingApplications(Rulebooks rulebooks, AllocationViews views, Outbox outbox, ObjectMapper json,
                                 EntityManager em, Clock clock, CarryOvers carryOvers) {
        this.carryOvers = carryOvers;
        this.rulebooks = rulebooks;
        this.views = views;
        this.outbox = outbox;
        this.json = json;
        this.em = em;
        this.clock = clock;
    }

    public record Request(Integer complianceYear, Long quantityT, String reason) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public BorrowingApplication apply(Rulebook rb, KeyEmittingEntity entity, Request a, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (a.complianceYear() == null || !rb.isComplianceYear(a.complianceYear())) {
            errors.add(Problem.FieldError.field("complianceYear", "must be a year of the cycle " + rb.complianceYears()));
        }
        if (a.quantityT() == null || a.quantityT() <= 0) {
            errors.add(Problem.FieldError.field("quantityT", "must be a positive number of tonnes"));
        }
        if (a.reason() == null || a.reason().isBlank()) {
            errors.add(Problem.FieldError.field("reason", "is required: the operating difficulty (RULES.md §4.8)"));
        } else if (a.reason().length() > Decision.MAX_NOTE) {
            errors.add(Problem.FieldError.field("reason", "at most " + Decision.MAX_NOTE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (rb.borrowingRule().isEmpty()) {
            throw ProblemException.unprocessable("borrowing-not-available", "Borrowing is not available",
                    BorrowingRules.notAvailable(rb), List.of(Problem.FieldError.field("complianceYear",
                            a.complianceYear() + " is a year of rulebook " + rb.ref() + ", which abolished borrowing")));
        }
        int year = a.complianceYear();
        if (Application.live(em, BorrowingApplication.class, rb.cycle(), entity.uscc, year)) {
            throw ProblemException.conflict("borrowing-exists", "Application exists", "entity " + entity.uscc
                    + " already has a pending or approved borrowing application for " + year);
        }
        Instant now = clock.instant();
        EntityAllocation.Verification v = verified(rb, entity.uscc, year);
        BorrowingAssessment rule = assess(rb, entity, year, v, now);
        if (a.quantityT() > rule.ceilingT()) {
            throw ProblemException.unprocessable("borrowing-above-ceiling", "Above the borrowing ceiling",
                    a.quantityT() + " t requested, at most " + rule.ceilingT() + " t may be borrowed for " + year,
                    List.of(Problem.FieldError.field("quantityT", "at most " + rule.ceilingT() + " t ("
                            + rb.borrowing().maxShareOfGap().value().toPlainString() + " of the gap of " + v.gapT()
                            + " t, rounded " + rb.rounding().borrowingCeiling().value() + ")")));
        }
        BorrowingApplication b = new BorrowingApplication();
        b.applied(rb, entity, year, a.quantityT(), a.reason(), by, now);
        b.gapT = v.gapT();
        b.ceilingT = rule.ceilingT();
        b.sourceVintage = rule.sourceVintage();
        b.persist();
        return b;
    }

    /** The province's decision; the rule is checked again on the figures and status of now (not the deadline). */
    @Transactional(Transactional.TxType.MANDATORY)
    public BorrowingApplication decide(BorrowingApplication b, KeyEmittingEntity entity, Decision d, String by) {
        long approved = b.open(em, d, by);
        Instant now = clock.instant();
        if (d.approves()) {
            Rulebook rb = rulebooks.current(b.cycle);
            BorrowingAssessment rule = assess(rb, entity, b.complianceYear,
                    verified(rb, b.uscc, b.complianceYear), null);
            if (approved > rule.ceilingT()) {
                throw ProblemException.unprocessable("borrowing-above-ceiling", "Above the borrowing ceiling",
                        approved + " t cannot be approved, the ceiling is now " + rule.ceilingT() + " t",
                        List.of(Problem.FieldError.field("quantityT", "at most " + rule.ceilingT() + " t")));
            }
            b.deductFromNextAllocation(em, "BORROWING", b.sourceVintage, approved, by, now);
            outbox.publish(Topics.BORROWING, EventEnvelope.of(BorrowingEvent.APPROVED, SOURCE, b.uscc, b.cycle,
                    json.valueToTree(new BorrowingEvent(b.id.toString(), b.uscc, b.provinceCode, b.cycle,
                            b.complianceYear, approved, b.sourceVintage, by))));
            em.flush(); // the statement reads the deduction through JDBC
            carryOvers.publish(rb, b.uscc);
        }
        b.decided(d, approved, by, now);
        return b;
    }

    private EntityAllocation.Verification verified(Rulebook rb, String uscc, int year) {
        return views.verified(rb.cycle(), uscc, year).orElseThrow(() -> ProblemException.conflict("not-verified",
                "Not verified yet", "borrowing needs the verified (核定) gap of " + year + "; " + uscc
                        + " is not verified for " + year));
    }

    /** The engine's rule on the stored figures and the entity's current status; 422 with every reason when refused. */
    private static BorrowingAssessment assess(Rulebook rb, KeyEmittingEntity e, int year,
                                              EntityAllocation.Verification v, Instant appliedAt) {
        BorrowingAssessment rule = new AllocationEngine(rb).assessBorrowing(e.uscc, year, e.status,
                v.verifiedEmissionsT(), v.issuedT(), v.gapT(), appliedAt);
        if (!rule.eligible()) {
            throw ProblemException.unprocessable("borrowing-refused", "Borrowing refused",
                    "entity " + e.uscc + " may not borrow for " + year + ": " + String.join("; ", rule.reasons()),
                    rule.reasons().stream().map(r -> Problem.FieldError.field("complianceYear", r)).toList());
        }
        return rule;
    }
}
