package cn.carbon.surrender.ledger;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.ComplianceBook;
import cn.carbon.surrender.compliance.YearPosition;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What allocation-service sends the ledger (notice §一; RULES.md §4.6, §4.8, §16): issues into the entity's account or
 * provincial custody, claw-backs (taking what is there; the rest is added to that year's obligation, visibly), and
 * approved borrowing as restricted units. Each instruction or application takes effect once.
 */
public class Inflows {

    private final Ledger ledger;
    private final ComplianceBook book;
    private final Rulebooks rulebooks;
    private final Clock clock;

    public Inflows(Ledger ledger, ComplianceBook book, Rulebooks rulebooks, Clock clock) {
        this.ledger = ledger;
        this.book = book;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    /** A claw-back: what it took from the account and what it added to the obligation instead. */
    public record ClawBackOutcome(Ledger.Result result, long takenT, long addedToObligationT) {
    }

    public Ledger.Result issue(String instructionId, String uscc, String destination, int complianceYear,
                               String vintage, long quantityT, String by) {
        Rulebook rulebook = freeVintage(complianceYear, vintage, quantityT);
        AccountRef to = account(uscc, destination);
        String fingerprint = String.join("|", "ISSUE", uscc, destination, String.valueOf(complianceYear), vintage,
                String.valueOf(quantityT));
        return ledger.post(List.of(to), "allocation:" + required(instructionId, "instructionId"), fingerprint,
                () -> tx("allocation:" + instructionId, fingerprint, TransactionKind.ISSUE, uscc, complianceYear,
                        null, 0, rulebook, by, List.of(new Movement(AccountRef.ISSUANCE, to, vintage, quantityT))));
    }

    public ClawBackOutcome clawBack(String instructionId, String uscc, String destination, int complianceYear,
                                    String vintage, long quantityT, String by) {
        Rulebook rulebook = freeVintage(complianceYear, vintage, quantityT);
        AccountRef from = account(uscc, destination);
        String reference = "allocation:" + required(instructionId, "instructionId");
        String fingerprint = String.join("|", "CLAW_BACK", uscc, destination, String.valueOf(complianceYear), vintage,
                String.valueOf(quantityT));
        Optional<Posted> earlier = ledger.lockAndFind(List.of(from), reference, fingerprint);
        if (earlier.isPresent()) {
            Posted p = earlier.get();
            return new ClawBackOutcome(new Ledger.Result(p, true), p.total(), p.obligationAddedT());
        }
        YearPosition position = book.lock(uscc, complianceYear);
        long taken = Math.min(ledger.store().balance(from, vintage, false), quantityT); // borrowed units are never clawed back
        long added = quantityT - taken;
        Instant now = clock.instant();
        List<Movement> lines = taken == 0 ? List.of() : List.of(new Movement(from, AccountRef.ISSUANCE, vintage, taken));
        Posted posted = ledger.append(new NewTransaction(reference, fingerprint, TransactionKind.CLAW_BACK, uscc, null,
                complianceYear, quantityT, added, rulebook.rulebookId(), rulebook.version(), now, by, lines));
        if (added > 0) {
            book.change(position, position.plus(added, 0, 0, 0, 0, 0), "CLAW_BACK", now);
        }
        return new ClawBackOutcome(new Ledger.Result(posted, false), taken, added);
    }

    /** A province approved an advance of borrowed units: restricted units in the borrower's own account. */
    public Ledger.Result borrow(String applicationId, String uscc, int complianceYear, String vintage, long quantityT,
                                String by) {
        Rulebook rulebook = rulebooks.forYear(complianceYear)
                .orElseThrow(() -> ProblemException.invalid("complianceYear", "no rulebook covers " + complianceYear));
        if (!rulebook.isBorrowedOnly(vintage)) {
            throw ProblemException.invalid("vintage", vintage + " is not a borrowed-only vintage of " + rulebook.ref());
        }
        positive(quantityT);
        AccountRef to = AccountRef.holding(uscc);
        String reference = "borrowing:" + required(applicationId, "applicationId");
        String fingerprint = String.join("|", "BORROWING", uscc, String.valueOf(complianceYear), vintage,
                String.valueOf(quantityT));
        Optional<Posted> earlier = ledger.lockAndFind(List.of(to), reference, fingerprint);
        if (earlier.isPresent()) {
            return new Ledger.Result(earlier.get(), true);
        }
        YearPosition position = book.lock(uscc, complianceYear);
        Instant now = clock.instant();
        Posted posted = ledger.append(tx(reference, fingerprint, TransactionKind.BORROWING, uscc, complianceYear, null,
                0, rulebook, by, List.of(new Movement(AccountRef.ISSUANCE, to, vintage, quantityT, true))));
        book.change(position, position.plus(0, 0, quantityT, 0, 0, 0), "BORROWING", now);
        return new Ledger.Result(posted, false);
    }

    private Rulebook freeVintage(int complianceYear, String vintage, long quantityT) {
        Rulebook rulebook = rulebooks.forYear(complianceYear)
                .orElseThrow(() -> ProblemException.invalid("complianceYear", "no rulebook covers " + complianceYear));
        if (vintage == null || !rulebook.knows(vintage)) {
            throw ProblemException.invalid("vintage", "unknown vintage " + vintage);
        }
        if (rulebook.isBorrowedOnly(vintage)) {
            throw ProblemException.invalid("vintage", vintage + " exists only as borrowed units");
        }
        positive(quantityT);
        return rulebook;
    }

    private static AccountRef account(String uscc, String destination) {
        if (AllocationInstruction.ENTITY_ACCOUNT.equals(destination)) {
            return AccountRef.holding(uscc);
        }
        if (AllocationInstruction.PROVINCIAL_CUSTODY.equals(destination)) {
            return AccountRef.custody(uscc);
        }
        throw ProblemException.invalid("destination", "must be ENTITY_ACCOUNT or PROVINCIAL_CUSTODY, not " + destination);
    }

    private static void positive(long quantityT) {
        if (quantityT <= 0) {
            throw ProblemException.invalid("quantityT", "must be a positive whole number of tonnes");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        return value;
    }

    private NewTransaction tx(String reference, String fingerprint, TransactionKind kind, String uscc, int year,
                              Long quantityT, long added, Rulebook rulebook, String by, List<Movement> lines) {
        return new NewTransaction(reference, fingerprint, kind, uscc, null, year, quantityT, added,
                rulebook.rulebookId(), rulebook.version(), clock.instant(), by, lines);
    }
}
