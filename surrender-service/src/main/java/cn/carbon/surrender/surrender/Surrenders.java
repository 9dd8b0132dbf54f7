package cn.carbon.surrender.surrender;

import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.ComplianceBook;
import cn.carbon.surrender.compliance.YearPosition;
import cn.carbon.surrender.ledger.AccountRef;
import cn.carbon.surrender.ledger.Ledger;
import cn.carbon.surrender.ledger.Movement;
import cn.carbon.surrender.ledger.NewTransaction;
import cn.carbon.surrender.ledger.Posted;
import cn.carbon.surrender.ledger.Problems;
import cn.carbon.surrender.ledger.TransactionKind;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;
import cn.carbon.surrender.rulebook.VintageEligibility;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An entity surrenders (清缴) lines of vintages against one compliance year: all lines or none. Vintages as the
 * rulebook allows (notice §四); borrowed units only the borrower's own for that year; after the deadline only once its
 * province confirmed a late-compliance request (notice §五(三)).
 */
public class Surrenders {

    private final Ledger ledger;
    private final ComplianceBook book;
    private final Rulebooks rulebooks;
    private final Clock clock;

    public Surrenders(Ledger ledger, ComplianceBook book, Rulebooks rulebooks, Clock clock) {
        this.ledger = ledger;
        this.book = book;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    public record Line(String vintage, long quantityT) {
    }

    public record Outcome(Ledger.Result result, YearPosition position, Rulebook rulebook) {
    }

    public Outcome surrender(String reference, String uscc, int complianceYear, List<Line> lines, String by) {
        Rulebook rulebook = rulebooks.forYear(complianceYear).orElseThrow(() -> ProblemException.invalid("complianceYear",
                "no rulebook covers compliance year " + complianceYear));
        if (lines == null || lines.isEmpty()) {
            throw ProblemException.invalid("lines", "at least one line is required");
        }
        long borrowedWanted = 0;
        long total = 0;
        List<Boolean> restricted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String field = "lines[" + i + "]";
            if (line.quantityT() <= 0) {
                throw ProblemException.invalid(field + ".quantityT", "must be a positive whole number of tonnes");
            }
            switch (VintageEligibility.of(rulebook, complianceYear, line.vintage())) {
                case UNKNOWN_VINTAGE -> throw Problems.unknownVintage(field + ".vintage", line.vintage());
                case NOT_ELIGIBLE -> throw Problems.unprocessable("vintage-not-eligible", "Vintage not eligible",
                        field + ".vintage", "vintage " + line.vintage() + " cannot serve " + complianceYear + " ("
                                + rulebook.ref() + ")");
                case BORROWED_ONLY -> borrowedWanted += line.quantityT();
                case ELIGIBLE -> { }
            }
            // a vintage that serves this year only as borrowed units is surrendered from the restricted units
            restricted.add(VintageEligibility.of(rulebook, complianceYear, line.vintage()) == VintageEligibility.BORROWED_ONLY);
            if (!seen.add(line.vintage())) {
                throw ProblemException.invalid(field + ".vintage", "vintage " + line.vintage() + " appears twice");
            }
            total = Math.addExact(total, line.quantityT());
        }
        AccountRef holding = AccountRef.holding(uscc);
        if (!ledger.store().exists(holding)) {
            throw ProblemException.notFound("account of " + uscc);
        }
        String fingerprint = fingerprint(uscc, complianceYear, lines);
        Optional<Posted> earlier = ledger.lockAndFind(List.of(holding), reference, fingerprint);
        YearPosition position = book.lock(uscc, complianceYear);
        if (earlier.isPresent()) {
            return new Outcome(new Ledger.Result(earlier.get(), true), position, rulebook);
        }
        ledger.requireMayDebit(holding, TransactionKind.SURRENDER, "uscc"); // a court freeze first: it explains all
        Instant now = clock.instant();
        if (position.exempt()) {
            throw Problems.conflict("year-exempt", "Year exempt", "complianceYear",
                    uscc + " has no obligation for " + complianceYear + " (dissolved)");
        }
        if (position.obligationT() == null) {
            throw Problems.conflict("obligation-not-set", "Obligation not set", "complianceYear",
                    "the obligation of " + uscc + " for " + complianceYear + " is not known yet");
        }
        if (!now.isBefore(rulebook.complianceDeadline()) && !book.lateSurrenderConfirmed(uscc, complianceYear)) {
            throw Problems.conflict("late-compliance-not-confirmed", "Late compliance not confirmed", "complianceYear",
                    "the deadline " + rulebook.deadlines().get(Rulebook.COMPLIANCE_DEADLINE) + " has passed; surrender "
                            + "needs a late-compliance request confirmed by the province");
        }
        if (total > position.remainingT()) {
            throw Problems.unprocessable("exceeds-remaining-obligation", "Exceeds remaining obligation", "lines",
                    total + " t surrendered but only " + position.remainingT() + " t remain for " + complianceYear);
        }
        if (borrowedWanted > position.borrowedAvailableT()) {
            throw Problems.unprocessable("borrowed-units-not-available", "Borrowed units not available", "lines",
                    borrowedWanted + " t of borrowed units asked, " + position.borrowedAvailableT()
                            + " t borrowed for " + complianceYear + " and not yet used");
        }
        List<Movement> movements = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            movements.add(new Movement(holding, AccountRef.SURRENDER, lines.get(i).vintage(), lines.get(i).quantityT(),
                    restricted.get(i)));
        }
        // the ledger refuses lines the account does not hold (insufficient-holdings), naming the line
        Posted posted = ledger.append(new NewTransaction(reference, fingerprint, TransactionKind.SURRENDER, uscc, null,
                complianceYear, null, 0, rulebook.rulebookId(), rulebook.version(), now, by, movements),
                i -> "lines[" + i + "].quantityT");
        YearPosition after = book.change(position, position.plus(0, total, 0, borrowedWanted, 0, 0), "SURRENDER", now);
        return new Outcome(new Ledger.Result(posted, false), after, rulebook);
    }

    private static String fingerprint(String uscc, int year, List<Line> lines) {
        StringBuilder b = new StringBuilder("SURRENDER|").append(uscc).append('|').append(year);
        lines.forEach(l -> b.append('|').append(l.vintage()).append('=').append(l.quantityT()));
        return b.toString();
    }
}
