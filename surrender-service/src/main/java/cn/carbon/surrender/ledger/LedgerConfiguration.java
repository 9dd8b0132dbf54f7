package cn.carbon.surrender.ledger;

import cn.carbon.platform.time.BusinessClock;
import cn.carbon.surrender.compliance.ComplianceCredits;
import cn.carbon.surrender.compliance.SqlComplianceBook;
import cn.carbon.surrender.forced.ForcedSurrenders;
import cn.carbon.platform.rulebook.PublishedRulebooks;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;
import cn.carbon.surrender.settlement.Settlements;
import cn.carbon.surrender.surrender.Surrenders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import java.time.Clock;

/**
 * Wires the ledger's commands (plain classes holding the rules) to PostgreSQL, and the clock they judge deadlines by:
 * the platform's business clock (real time, or started elsewhere with {@code carbon.clock.start} to replay a cycle
 * whose deadline has passed).
 */
@ApplicationScoped
public class LedgerConfiguration {

    @Produces
    @Singleton
    Clock clock(BusinessClock business) {
        return business;
    }

    @Produces
    @Singleton
    Ledger ledger(SqlLedgerStore store) {
        return new Ledger(store);
    }

    @Produces
    @Singleton
    Inflows inflows(Ledger ledger, SqlComplianceBook book, Rulebooks rulebooks, Clock clock) {
        return new Inflows(ledger, book, rulebooks, clock);
    }

    @Produces
    @Singleton
    Settlements settlements(Ledger ledger, Rulebooks rulebooks, Clock clock) {
        return new Settlements(ledger, rulebooks, clock);
    }

    @Produces
    @Singleton
    Surrenders surrenders(Ledger ledger, SqlComplianceBook book, Rulebooks rulebooks, Clock clock) {
        return new Surrenders(ledger, book, rulebooks, clock);
    }

    @Produces
    @Singleton
    ForcedSurrenders forcedSurrenders(Ledger ledger, SqlComplianceBook book, Rulebooks rulebooks, Clock clock) {
        return new ForcedSurrenders(ledger, book, rulebooks, clock);
    }

    @Produces
    @Singleton
    ComplianceCredits complianceCredits(Ledger ledger, SqlComplianceBook book, Rulebooks rulebooks, Clock clock) {
        return new ComplianceCredits(ledger, book, rulebooks, clock);
    }

    /**
     * The database's vintage table follows the rulebooks: every vintage they know (the lines' foreign key), and whether
     * it exists only as borrowed units, for whoever reads the table (the restriction itself is each line's, V6).
     */
    void vintages(@Observes StartupEvent start, Rulebooks rulebooks, EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> upsertVintages(rulebooks.vintages(), em));
    }

    /**
     * A newly applied version adds its vintages in the transaction that stores it. A vintage is borrowed-only while
     * every rulebook in force that knows it says so (2023 for 2021-2022's borrowed units until the 2023 rulebook
     * allocates it), in whatever order the rulebooks arrive.
     */
    void vintages(@Observes PublishedRulebooks.RulebookApplied applied, Rulebooks rulebooks, EntityManager em) {
        Rulebook view = rulebooks.view(applied.rulebook());
        java.util.Map<String, Boolean> vintages = new java.util.LinkedHashMap<>();
        view.vintages().forEach(code -> vintages.put(code, view.isBorrowedOnly(code)));
        // the other rulebooks in force (an earlier version of this one is replaced by it)
        rulebooks.all().stream().filter(r -> !r.rulebookId().equals(view.rulebookId()))
                .forEach(r -> r.vintages().forEach(code -> vintages.merge(code, r.isBorrowedOnly(code),
                        Boolean::logicalAnd)));
        upsertVintages(vintages, em);
    }

    private static void upsertVintages(java.util.Map<String, Boolean> vintages, EntityManager em) {
        vintages.forEach((code, borrowedOnly) -> em
                .createNativeQuery("insert into vintage (code, borrowed_only) values (?1, ?2) "
                        + "on conflict (code) do update set borrowed_only = excluded.borrowed_only")
                .setParameter(1, code).setParameter(2, borrowedOnly).executeUpdate());
    }
}
