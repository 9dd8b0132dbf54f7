package cn.carbon.surrender.support;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EntityEvent;
import cn.carbon.surrender.compliance.ComplianceCredits;
import cn.carbon.surrender.ledger.AccountOpening;
import cn.carbon.surrender.ledger.Inflows;
import cn.carbon.testing.TestUscc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/**
 * Sets up entities, allowances and obligations directly through the domain (the consumers' own path minus Kafka,
 * which the consumer tests cover), and reads the database for "nothing changed" checks.
 */
@ApplicationScoped
public class Fixture {

    private final AccountOpening accounts;
    private final Inflows inflows;
    private final ComplianceCredits credits;
    private final EntityManager em;

    public Fixture(AccountOpening accounts, Inflows inflows, ComplianceCredits credits, EntityManager em) {
        this.accounts = accounts;
        this.inflows = inflows;
        this.credits = credits;
        this.em = em;
    }

    public String entity(String province) {
        String uscc = TestUscc.next(province);
        return entity(province, uscc, "Entity " + uscc);
    }

    public String entity(String province, String uscc, String name) {
        QuarkusTransaction.requiringNew().run(() ->
                accounts.onEntity(new EntityEvent(uscc, name, province, "POWER", "OPERATING")));
        return uscc;
    }

    public void issue(String uscc, int year, String vintage, long quantityT) {
        QuarkusTransaction.requiringNew().run(() -> inflows.issue(UUID.randomUUID().toString(), uscc,
                AllocationInstruction.ENTITY_ACCOUNT, year, vintage, quantityT, "test"));
    }

    public void issueToCustody(String uscc, int year, String vintage, long quantityT) {
        QuarkusTransaction.requiringNew().run(() -> inflows.issue(UUID.randomUUID().toString(), uscc,
                AllocationInstruction.PROVINCIAL_CUSTODY, year, vintage, quantityT, "test"));
    }

    public void borrow(String uscc, int year, long quantityT) {
        QuarkusTransaction.requiringNew().run(() -> inflows.borrow(UUID.randomUUID().toString(), uscc, year, "2023",
                quantityT, "test"));
    }

    public void obligation(String uscc, int year, long obligationT) {
        QuarkusTransaction.requiringNew().run(() -> credits.setObligation(uscc, year, obligationT, false));
    }

    public void exempt(String uscc, int year) {
        QuarkusTransaction.requiringNew().run(() -> credits.setObligation(uscc, year, 0, true));
    }

    public void offset(String uscc, int year, long quantityT) {
        QuarkusTransaction.requiringNew().run(() -> credits.creditOffset(UUID.randomUUID().toString(), uscc, year,
                quantityT, "test"));
    }

    /** The entity's holding (or custody) balance of a vintage, free and restricted units together. */
    public long balance(String uscc, String kind, String vintage) {
        return count("select coalesce(sum(b.balance_t), 0) from balance b join account a on a.id = b.account_id "
                + "where a.uscc = ?1 and a.kind = ?2 and b.vintage = ?3", uscc, kind, vintage);
    }

    /** The entity's holding (or custody) balance of a vintage in free or in restricted (borrowed) units. */
    public long balance(String uscc, String kind, String vintage, boolean restricted) {
        return count("select coalesce(sum(b.balance_t), 0) from balance b join account a on a.id = b.account_id "
                + "where a.uscc = ?1 and a.kind = ?2 and b.vintage = ?3 and b.restricted = ?4", uscc, kind, vintage,
                restricted);
    }

    public long held(String uscc, String vintage) {
        return balance(uscc, "ENTITY_HOLDING", vintage);
    }

    /** Free units of the vintage in the entity's holding account. */
    public long free(String uscc, String vintage) {
        return balance(uscc, "ENTITY_HOLDING", vintage, false);
    }

    /** Borrowed (restricted) units of the vintage in the entity's holding account. */
    public long restricted(String uscc, String vintage) {
        return balance(uscc, "ENTITY_HOLDING", vintage, true);
    }

    /** Everything the ledger and compliance tables hold about the entity, to prove that nothing changed. */
    public String footprint(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(List.of(
                em.createNativeQuery("select count(*) from ledger_transaction where uscc = ?1 or counterparty_uscc = ?1")
                        .setParameter(1, uscc).getSingleResult(),
                em.createNativeQuery("select coalesce(string_agg(a.kind || ':' || b.vintage || ':' || b.restricted || '='"
                                + " || b.balance_t, ',' order by a.kind, b.vintage, b.restricted), '') from balance b join account a on a.id = b.account_id where a.uscc = ?1")
                        .setParameter(1, uscc).getSingleResult(),
                em.createNativeQuery("select coalesce(string_agg(compliance_year || ':' || surrendered_t || '/' || "
                                + "borrowed_used_t || '/' || offset_t, ','), '') from compliance_record where uscc = ?1")
                        .setParameter(1, uscc).getSingleResult(),
                em.createNativeQuery("select count(*) from compliance_history where uscc = ?1")
                        .setParameter(1, uscc).getSingleResult())));
    }

    public long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    public void sql(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }
}
