package cn.carbon.surrender.forced;

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

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executes a forced surrender of an entity's custody units for a cycle ({@link ForcedSurrenderPlan}): one
 * FORCED_SURRENDER transaction per compliance year, one RELEASE to the entity's account, each year's shortfall
 * recorded. While a court freezes the entity's holding account (a freeze ACTIVE or RELEASE_PENDING now, under the
 * account lock) the plan also draws on that account's free units, custody first within each vintage (issue 12 item
 * 7); a holding account that is not frozen is never drawn on. Takes effect once per {@code reference}.
 */
public class ForcedSurrenders {

    private final Ledger ledger;
    private final ComplianceBook book;
    private final Rulebooks rulebooks;
    private final Clock clock;

    public ForcedSurrenders(Ledger ledger, ComplianceBook book, Rulebooks rulebooks, Clock clock) {
        this.ledger = ledger;
        this.book = book;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    /** What was moved: the postings per year, the release, and the positions after. */
    public record Outcome(boolean repeated, Map<Integer, Posted> surrendered, Posted released,
                          Map<Integer, YearPosition> positions) {

        public long shortfallT(int year) {
            return positions.get(year).exempt() ? 0 : positions.get(year).remainingT();
        }
    }

    public Outcome execute(String reference, String uscc, String cycle, String by) {
        Rulebook rulebook = rulebooks.forCycle(cycle)
                .orElseThrow(() -> ProblemException.invalid("cycle", "no rulebook for cycle " + cycle));
        AccountRef custody = AccountRef.custody(uscc);
        AccountRef holding = AccountRef.holding(uscc);
        String fingerprint = "FORCED_SURRENDER|" + uscc + "|" + cycle;
        List<Integer> years = rulebook.complianceYears();
        Optional<Posted> earlier = ledger.lockAndFind(List.of(custody, holding), ref(reference, years.get(0)), fingerprint);
        Map<Integer, YearPosition> positions = new LinkedHashMap<>();
        for (int year : years) {
            positions.put(year, book.lock(uscc, year));
        }
        if (earlier.isPresent()) {
            Map<Integer, Posted> posted = new LinkedHashMap<>();
            for (int year : years) {
                posted.put(year, ledger.store().find(ref(reference, year)).orElseThrow());
            }
            return new Outcome(true, posted, ledger.store().find(reference + ":release").orElseThrow(), positions);
        }
        Map<Integer, Long> remaining = new LinkedHashMap<>();
        positions.forEach((year, p) -> {
            if (p.obligationT() == null && !p.exempt()) {
                throw Problems.conflict("obligation-not-set", "Obligation not set", "uscc",
                        "the obligation of " + uscc + " for " + year + " is not known yet");
            }
            remaining.put(year, p.remainingT());
        });
        ForcedSurrenderPlan plan = ForcedSurrenderPlan.plan(years, remaining, rulebook.ownVintage(), rulebook.eligible(),
                ledger.store().freeBalances(custody), frozenFreeUnits(holding));
        Instant now = clock.instant();
        Map<Integer, Posted> posted = new LinkedHashMap<>();
        for (int year : years) {
            List<Movement> lines = new ArrayList<>();
            plan.surrendered().get(year).forEach(t -> lines.add(new Movement(
                    t.from() == ForcedSurrenderPlan.Source.HOLDING ? holding : custody, AccountRef.SURRENDER,
                    t.vintage(), t.quantityT())));
            posted.put(year, ledger.append(new NewTransaction(ref(reference, year), fingerprint,
                    TransactionKind.FORCED_SURRENDER, uscc, null, year, null, 0, rulebook.rulebookId(),
                    rulebook.version(), now, by, lines)));
        }
        List<Movement> back = new ArrayList<>();
        plan.released().forEach(t -> back.add(new Movement(custody, holding, t.vintage(), t.quantityT())));
        Posted released = ledger.append(new NewTransaction(reference + ":release", fingerprint, TransactionKind.RELEASE,
                uscc, null, null, null, 0, rulebook.rulebookId(), rulebook.version(), now, by, back));
        Map<Integer, YearPosition> after = new LinkedHashMap<>();
        for (int year : years) {
            YearPosition p = positions.get(year);
            long shortfall = plan.shortfall().get(year);
            after.put(year, book.change(p, p.plus(0, plan.surrenderedT(year), 0, 0, 0, shortfall - p.shortfallT()),
                    "FORCED_SURRENDER", now));
        }
        return new Outcome(false, posted, released, after);
    }

    /**
     * The holding account's units the forced surrender may draw on: none unless a court freezes it; restricted
     * (borrowed) units never, they serve only their borrower's own surrender (RULES.md §4.8).
     */
    private Map<String, Long> frozenFreeUnits(AccountRef holding) {
        if (ledger.store().frozenBy(holding).isEmpty()) {
            return Map.of();
        }
        return ledger.store().freeBalances(holding);
    }

    private static String ref(String reference, int year) {
        return reference + ":" + year;
    }
}
