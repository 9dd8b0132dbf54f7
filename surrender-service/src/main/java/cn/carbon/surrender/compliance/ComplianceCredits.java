package cn.carbon.surrender.compliance;

import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.ledger.Ledger;
import cn.carbon.surrender.ledger.NewTransaction;
import cn.carbon.surrender.ledger.Posted;
import cn.carbon.surrender.ledger.TransactionKind;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What sets or meets a year's obligation apart from surrendered allowances: the obligation itself (verified emissions;
 * exempt when dissolved) and CCER offsets confirmed by offset-service, credited once per application.
 */
public class ComplianceCredits {

    private final Ledger ledger;
    private final ComplianceBook book;
    private final Rulebooks rulebooks;
    private final Clock clock;

    public ComplianceCredits(Ledger ledger, ComplianceBook book, Rulebooks rulebooks, Clock clock) {
        this.ledger = ledger;
        this.book = book;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    /** A later obligation for the same entity and year replaces the earlier one (contracts ObligationEvent). */
    public YearPosition setObligation(String uscc, int complianceYear, long obligationT, boolean exempt) {
        rulebook(complianceYear);
        if (obligationT < 0) {
            throw ProblemException.invalid("obligationT", "must be 0 or more");
        }
        YearPosition before = book.lock(uscc, complianceYear);
        return book.change(before, before.withObligation(exempt ? 0 : obligationT, exempt), "OBLIGATION", clock.instant());
    }

    /** Credits a confirmed offset to the year once per application (an OFFSET_CREDIT transaction without lines). */
    public Ledger.Result creditOffset(String applicationId, String uscc, int complianceYear, long quantityT, String by) {
        Rulebook rulebook = rulebook(complianceYear);
        if (quantityT <= 0) {
            throw ProblemException.invalid("quantityT", "must be a positive whole number of tonnes");
        }
        if (applicationId == null || applicationId.isBlank()) {
            throw ProblemException.invalid("applicationId", "is required");
        }
        String reference = "offset:" + applicationId;
        String fingerprint = String.join("|", "OFFSET_CREDIT", uscc, String.valueOf(complianceYear), String.valueOf(quantityT));
        YearPosition before = book.lock(uscc, complianceYear);
        Optional<Posted> earlier = ledger.earlier(reference, fingerprint);
        if (earlier.isPresent()) {
            return new Ledger.Result(earlier.get(), true);
        }
        Instant now = clock.instant();
        Posted posted = ledger.append(new NewTransaction(reference, fingerprint, TransactionKind.OFFSET_CREDIT, uscc, null,
                complianceYear, quantityT, 0, rulebook.rulebookId(), rulebook.version(), now, by, List.of()));
        book.change(before, before.plus(0, 0, 0, 0, quantityT, 0), "OFFSET", now);
        return new Ledger.Result(posted, false);
    }

    private Rulebook rulebook(int complianceYear) {
        return rulebooks.forYear(complianceYear)
                .orElseThrow(() -> ProblemException.invalid("complianceYear", "no rulebook covers " + complianceYear));
    }
}
