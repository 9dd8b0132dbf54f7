package cn.carbon.offset.applications;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.OffsetEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.offset.cap.Headroom;
import cn.carbon.offset.cap.Headrooms;
import cn.carbon.offset.cap.Obligation;
import cn.carbon.offset.cap.RemainingObligation;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.offset.lots.CcerEligibility;
import cn.carbon.offset.lots.CcerLot;
import cn.carbon.offset.lots.LotCancellation;
import cn.carbon.platform.time.BusinessClock;
import cn.carbon.offset.rulebook.OffsetRulebook;
import cn.carbon.offset.rulebook.Rulebooks;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The offset application chain (notice §二 and its attachment, RULES.md §6): the entity picks frozen lots and
 * quantities for a compliance year, its province reviews, the registry confirms; confirmation cancels the CCER and
 * publishes {@code carbon.offsets.v1} in the same transaction.
 *
 * <p>The cap (5 % of the year's obligation, rounded down, counting confirmed and pending quantities) and the lots'
 * eligibility are checked at every step, with the rulebook then in force: the obligation or the rulebook may have
 * changed in between. Every step locks the entity-year row first and then the lots in lot-id order, so concurrent
 * applications serialise and never exceed the cap or a lot, and never deadlock.
 */
@ApplicationScoped
public class OffsetApplications {

    static final String SOURCE = "offset-service";

    private final Rulebooks rulebooks;
    private final Headrooms headrooms;
    private final ObligationCheck owed;
    private final BusinessClock clock;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final EntityManager em;

    public OffsetApplications(Rulebooks rulebooks, Headrooms headrooms, ObligationCheck owed, BusinessClock clock,
                              Outbox outbox, ObjectMapper json, EntityManager em) {
        this.rulebooks = rulebooks;
        this.headrooms = headrooms;
        this.owed = owed;
        this.clock = clock;
        this.outbox = outbox;
        this.json = json;
        this.em = em;
    }

    public record Line(String lotId, Long quantityT, String firstCycleEvidence) {
    }

    public record Apply(String cycle, Integer complianceYear, List<Line> lots) {
    }

    public enum Decision {
        APPROVE, REJECT
    }

    // --- apply -----------------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.MANDATORY)
    public OffsetApplication apply(String uscc, Apply cmd, String appliedBy) {
        ApplyValidation.validate(cmd);
        OffsetRulebook rb = rulebooks.require(cmd.cycle(), "cycle");
        int year = cmd.complianceYear();
        if (!rb.coversYear(year)) {
            throw unprocessable("year-outside-cycle", "Year outside the cycle",
                    "cycle " + rb.cycle() + " covers the compliance years " + rb.complianceYears() + ", not " + year,
                    Problem.FieldError.field("complianceYear", "must be one of " + rb.complianceYears()));
        }
        Instant now = clock.instant();
        if (!rb.applicationOpens().isOpenAt(now)) {
            throw unprocessable("offset-window-not-open", "Offset applications not open yet",
                    "offset applications for cycle " + rb.cycle() + " open after " + rb.applicationOpens().date().value()
                            + " (" + rb.applicationOpens().key() + ", rulebook v" + rb.version() + ")",
                    Problem.FieldError.field("cycle", "applications open after " + rb.applicationOpens().date().value()));
        }
        if (rb.applicationDeadline().isMissedAt(now)) {
            throw unprocessable("application-deadline-passed", "Application deadline passed",
                    "offset applications for cycle " + rb.cycle() + " were due by " + rb.applicationDeadline().date().value()
                            + " (" + rb.applicationDeadline().key() + ", rulebook v" + rb.version() + ")",
                    Problem.FieldError.field("cycle", "applications were due by " + rb.applicationDeadline().date().value()));
        }
        Obligation obligation = lockEntityYear(uscc, rb, year);
        List<CcerLot> lots = CcerLot.lockInOrder(cmd.lots().stream().map(Line::lotId).toList());
        checkLots(uscc, cmd.lots(), lots, rb, now);

        long total = ApplyValidation.total(cmd);
        Headroom headroom = headrooms.of(rb, uscc, year, obligation);
        requireWithinCap(headroom, total, year, "quantityT");
        RemainingObligation remaining = owed.figures(obligation, headroom, 0);
        ObligationCheck.require(remaining, total, year);

        OffsetApplication app = new OffsetApplication();
        app.id = UUID.randomUUID();
        app.uscc = uscc;
        app.provinceCode = provinceOf(uscc, obligation);
        app.cycle = rb.cycle();
        app.complianceYear = year;
        app.quantityT = total;
        app.status = ApplicationStatus.PENDING_REVIEW;
        app.appliedBy = appliedBy;
        app.appliedAt = now;
        app.persist();
        Map<String, CcerLot> byId = byId(lots);
        for (int i = 0; i < cmd.lots().size(); i++) {
            Line line = cmd.lots().get(i);
            ApplicationLine l = new ApplicationLine();
            l.key = new ApplicationLine.Key(app.id, i + 1);
            l.lotId = line.lotId();
            l.quantityT = line.quantityT();
            l.firstCycleEvidence = blankToNull(line.firstCycleEvidence());
            l.persist();
            byId.get(line.lotId()).reservedT += line.quantityT();
        }
        record(app, CapCheck.Step.APPLICATION, rb, headroom, remaining, now, total);
        return app;
    }

    // --- review ----------------------------------------------------------------------------------------------------

    /** The province's decision; a rejection needs a comment and frees the reserved quantities. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OffsetApplication review(OffsetApplication app, Decision decision, String comment, String reviewer) {
        if (decision == null) {
            throw ProblemException.invalid("decision", "must be APPROVE or REJECT");
        }
        if (decision == Decision.REJECT && (comment == null || comment.isBlank())) {
            throw ProblemException.invalid("comment", "a rejection needs a comment");
        }
        if (comment != null && comment.length() > 2000) {
            throw ProblemException.invalid("comment", "at most 2000 characters");
        }
        OffsetRulebook rb = rulebooks.require(app.cycle, "cycle");
        Obligation obligation = lockEntityYear(app.uscc, rb, app.complianceYear);
        em.refresh(app); // the state as of the lock: a concurrent step may have moved it
        if (app.status != ApplicationStatus.PENDING_REVIEW) {
            throw ProblemException.conflict("application-not-pending-review", "Application not pending review",
                    "application " + app.id + " is " + app.status + "; only a PENDING_REVIEW application is reviewed");
        }
        FourEyes.requireMayReview(reviewer, app.appliedBy);
        List<ApplicationLine> lines = ApplicationLine.of(app.id);
        List<CcerLot> lots = CcerLot.lockInOrder(lines.stream().map(l -> l.lotId).toList());
        Instant now = clock.instant();
        app.reviewedBy = reviewer;
        app.reviewedAt = now;
        app.reviewComment = blankToNull(comment);
        if (decision == Decision.REJECT) {
            release(lines, lots);
            app.status = ApplicationStatus.REJECTED;
            app.closedBy = reviewer;
            app.closedAt = now;
            return app;
        }
        requireEligible(lines, lots, rb, now);
        Headroom headroom = headrooms.of(rb, app.uscc, app.complianceYear, obligation);
        requireWithinCap(headroom, 0, app.complianceYear, "quantityT");
        RemainingObligation remaining = owed.figures(obligation, headroom, app.quantityT);
        ObligationCheck.require(remaining, app.quantityT, app.complianceYear);
        app.status = ApplicationStatus.APPROVED;
        record(app, CapCheck.Step.REVIEW, rb, headroom, remaining, now, 0);
        return app;
    }

    // --- confirm ---------------------------------------------------------------------------------------------------

    /** The registry's confirmation: cancels the CCER quantities and tells the ledger (carbon.offsets.v1), once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OffsetApplication confirm(OffsetApplication app, String confirmer) {
        OffsetRulebook rb = rulebooks.require(app.cycle, "cycle");
        Obligation obligation = lockEntityYear(app.uscc, rb, app.complianceYear);
        em.refresh(app);
        if (app.status != ApplicationStatus.APPROVED) {
            throw ProblemException.conflict("application-not-approved", "Application not approved",
                    "application " + app.id + " is " + app.status + "; only an APPROVED application is confirmed");
        }
        FourEyes.requireMayConfirm(confirmer, app.appliedBy, app.reviewedBy);
        List<ApplicationLine> lines = ApplicationLine.of(app.id);
        List<CcerLot> lots = CcerLot.lockInOrder(lines.stream().map(l -> l.lotId).toList());
        Instant now = clock.instant();
        requireEligible(lines, lots, rb, now);
        Headroom headroom = headrooms.of(rb, app.uscc, app.complianceYear, obligation);
        requireWithinCap(headroom, 0, app.complianceYear, "quantityT");
        RemainingObligation remaining = owed.figures(obligation, headroom, app.quantityT);
        ObligationCheck.require(remaining, app.quantityT, app.complianceYear);

        Map<String, CcerLot> byId = byId(lots);
        List<OffsetEvent.LotUse> uses = new ArrayList<>();
        for (ApplicationLine line : lines) {
            CcerLot lot = byId.get(line.lotId);
            LotCancellation.split(lot, app.id, app.complianceYear, line.quantityT, now);
            uses.add(new OffsetEvent.LotUse(lot.lotId, lot.projectId, line.quantityT, lot.scheme.name()));
        }
        app.status = ApplicationStatus.CONFIRMED;
        app.confirmedBy = confirmer;
        app.confirmedAt = now;
        record(app, CapCheck.Step.CONFIRMATION, rb, headroom, remaining, now, 0);

        OffsetEvent event = new OffsetEvent(app.id.toString(), app.uscc, app.provinceCode, app.cycle,
                app.complianceYear, app.quantityT, uses, confirmer);
        outbox.publish(Topics.OFFSETS, new EventEnvelope(confirmationEventId(app.id), OffsetEvent.CONFIRMED, SOURCE,
                now, app.uscc, app.cycle, json.valueToTree(event)));
        return app;
    }

    /** One confirmation, one event id: even a repeated publication of it is recognisable as the same event. */
    public static UUID confirmationEventId(UUID applicationId) {
        return UUID.nameUUIDFromBytes((SOURCE + ":" + OffsetEvent.CONFIRMED + ":" + applicationId)
                .getBytes(StandardCharsets.UTF_8));
    }

    // --- withdraw --------------------------------------------------------------------------------------------------

    /** The entity takes back an application not yet confirmed (e.g. after its obligation fell); frees the lots. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OffsetApplication withdraw(OffsetApplication app, String by) {
        OffsetRulebook rb = rulebooks.require(app.cycle, "cycle");
        lockEntityYear(app.uscc, rb, app.complianceYear);
        em.refresh(app);
        if (!app.status.isPending()) {
            throw ProblemException.conflict("application-closed", "Application closed",
                    "application " + app.id + " is " + app.status + " and can no longer be withdrawn");
        }
        List<ApplicationLine> lines = ApplicationLine.of(app.id);
        release(lines, CcerLot.lockInOrder(lines.stream().map(l -> l.lotId).toList()));
        app.status = ApplicationStatus.WITHDRAWN;
        app.closedBy = by;
        app.closedAt = clock.instant();
        return app;
    }

    // --- checks ----------------------------------------------------------------------------------------------------

    private Obligation lockEntityYear(String uscc, OffsetRulebook rb, int year) {
        Obligation o = Obligation.lock(uscc, year).orElse(null);
        if (o == null || !rb.cycle().equals(o.cycle)) {
            throw unprocessable("obligation-unknown", "Obligation not known",
                    "the " + year + " obligation of " + uscc + " is not known yet; the cap is a share of it",
                    Problem.FieldError.field("complianceYear", "no obligation known for " + year));
        }
        return o;
    }

    /** Lot-not-held, then eligibility, then quantity: each a named problem listing every offending line. */
    private void checkLots(String uscc, List<Line> lines, List<CcerLot> lots, OffsetRulebook rb, Instant now) {
        Map<String, CcerLot> byId = byId(lots);
        List<Problem.FieldError> notHeld = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CcerLot lot = byId.get(lines.get(i).lotId());
            if (lot == null || !lot.uscc.equals(uscc)) {
                // another entity's lot reads as absent: its existence is not revealed
                notHeld.add(Problem.FieldError.field("lots[" + i + "].lotId",
                        "no lot " + lines.get(i).lotId() + " is frozen for offset for " + uscc));
            }
        }
        if (!notHeld.isEmpty()) {
            throw ProblemException.unprocessable("lot-not-held", "Lot not held by the entity",
                    notHeld.size() + " lot(s) are not frozen for offset for " + uscc, notHeld);
        }
        List<Problem.FieldError> ineligible = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ineligible.addAll(ineligibility(i, byId.get(lines.get(i).lotId()), lines.get(i).firstCycleEvidence(), rb, now));
        }
        if (!ineligible.isEmpty()) {
            throw ineligible(ineligible, rb);
        }
        List<Problem.FieldError> tooMuch = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CcerLot lot = byId.get(lines.get(i).lotId());
            if (lines.get(i).quantityT() > lot.availableT()) {
                tooMuch.add(Problem.FieldError.field("lots[" + i + "].quantityT", lines.get(i).quantityT()
                        + " t asked, lot " + lot.lotId + " has " + lot.availableT() + " t available (" + lot.quantityT
                        + " t frozen, " + lot.reservedT + " t reserved by pending applications, " + lot.cancelledT
                        + " t cancelled)"));
            }
        }
        if (!tooMuch.isEmpty()) {
            throw ProblemException.unprocessable("lot-quantity-exceeded", "More than the lot holds",
                    tooMuch.size() + " line(s) ask for more than their lot has available", tooMuch);
        }
    }

    private void requireEligible(List<ApplicationLine> lines, List<CcerLot> lots, OffsetRulebook rb, Instant now) {
        Map<String, CcerLot> byId = byId(lots);
        List<Problem.FieldError> ineligible = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ineligible.addAll(ineligibility(i, byId.get(lines.get(i).lotId), lines.get(i).firstCycleEvidence, rb, now));
        }
        if (!ineligible.isEmpty()) {
            throw ineligible(ineligible, rb);
        }
    }

    private static List<Problem.FieldError> ineligibility(int i, CcerLot lot, String evidence, OffsetRulebook rb,
                                                          Instant now) {
        return CcerEligibility.check(lot.facts(), rb, now, evidence).stream()
                .map(reason -> Problem.FieldError.field(
                        reason == CcerEligibility.Reason.FIRST_CYCLE_EVIDENCE_MISSING
                                ? "lots[" + i + "].firstCycleEvidence" : "lots[" + i + "].lotId",
                        reason.name() + ": lot " + lot.lotId + " (project " + lot.projectId + "): " + reason.description))
                .toList();
    }

    /** ccer-scheme-not-accepted when the scheme is the only reason (a new-CCER lot before its years), else ccer-ineligible. */
    private static ProblemException ineligible(List<Problem.FieldError> errors, OffsetRulebook rb) {
        String schemeOnly = CcerEligibility.Reason.SCHEME_NOT_ACCEPTED.name() + ":";
        if (errors.stream().allMatch(e -> e.message().startsWith(schemeOnly))) {
            return ProblemException.unprocessable("ccer-scheme-not-accepted", "CCER scheme not accepted",
                    "rulebook " + rb.rulebookId() + " v" + rb.version() + " does not accept new-scheme CCERs for cycle "
                            + rb.cycle() + " (old CCER only)", errors);
        }
        return ProblemException.unprocessable("ccer-ineligible", "CCER not eligible for offset",
                errors.size() + " reason(s) under rulebook " + rb.rulebookId() + " v" + rb.version(), errors);
    }

    private static void requireWithinCap(Headroom h, long moreT, int year, String field) {
        if (!h.admits(moreT)) {
            long counted = h.usedT() + h.pendingT() + moreT;
            throw unprocessable("offset-cap-exceeded", "Offset cap exceeded",
                    "offsets for " + year + " would come to " + counted + " t (" + h.usedT() + " t confirmed, "
                            + (h.pendingT() + moreT) + " t pending), over the cap of " + h.capT() + " t by "
                            + (counted - h.capT()) + " t; the cap of one year never serves another",
                    Problem.FieldError.field(field, "over the " + year + " cap of " + h.capT() + " t by "
                            + (counted - h.capT()) + " t"));
        }
    }

    private static void release(List<ApplicationLine> lines, List<CcerLot> lots) {
        Map<String, CcerLot> byId = byId(lots);
        for (ApplicationLine line : lines) {
            byId.get(line.lotId).reservedT -= line.quantityT;
        }
    }

    private static void record(OffsetApplication app, CapCheck.Step step, OffsetRulebook rb, Headroom h,
                               RemainingObligation remaining, Instant at, long moreT) {
        CapCheck c = new CapCheck();
        c.key = new CapCheck.Key(app.id, step.name());
        c.checkedAt = at;
        c.rulebookId = rb.rulebookId();
        c.rulebookVersion = rb.version();
        c.obligationT = h.obligationT();
        c.capT = h.capT();
        c.confirmedT = h.usedT();
        c.pendingT = h.pendingT() + moreT;
        c.surrenderedT = remaining.surrenderedT();
        c.remainingObligationT = remaining.remainingT();
        c.persist();
    }

    private static String provinceOf(String uscc, Obligation obligation) {
        KnownEntity entity = KnownEntity.findById(uscc);
        return entity != null ? entity.provinceCode : obligation.provinceCode;
    }

    private static Map<String, CcerLot> byId(List<CcerLot> lots) {
        return lots.stream().collect(Collectors.toMap(l -> l.lotId, Function.identity()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ProblemException unprocessable(String slug, String title, String detail, Problem.FieldError error) {
        return ProblemException.unprocessable(slug, title, detail, List.of(error));
    }
}
