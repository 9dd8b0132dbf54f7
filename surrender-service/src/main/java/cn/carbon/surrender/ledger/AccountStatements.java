package cn.carbon.surrender.ledger;

import cn.carbon.platform.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What an entity's accounts hold and every line that moved units in or out of them. */
@ApplicationScoped
public class AccountStatements {

    private final EntityManager em;

    public AccountStatements(EntityManager em) {
        this.em = em;
    }

    /** A vintage held: free units, or restricted (borrowed) units that serve only their borrower's surrender. */
    public record VintageBalance(String vintage, long freeT, long restrictedT) {
    }

    /**
     * One line as the entity sees it: {@code quantityT} positive when units came into {@code account}, negative when
     * they left it for {@code counterparty}.
     */
    public record StatementLine(long transactionId, String kind, Instant postedAt, Integer complianceYear,
                                String account, String counterparty, String vintage, long quantityT) {
    }

    public List<VintageBalance> balances(long accountId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select vintage, "
                        + "sum(case when restricted then 0 else balance_t end), sum(case when restricted then balance_t else 0 end) "
                        + "from balance where account_id = ?1 group by vintage order by vintage")
                .setParameter(1, accountId).getResultList();
        List<VintageBalance> balances = new ArrayList<>();
        for (Object[] r : rows) {
            balances.add(new VintageBalance((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        return balances;
    }

    public Page<StatementLine> lines(String uscc, int page, int size) {
        String from = """
                from ledger_line l join ledger_transaction t on t.id = l.transaction_id
                join account fa on fa.id = l.from_account_id join account ta on ta.id = l.to_account_id
                where fa.uscc = ?1 or ta.uscc = ?1""";
        long total = ((Number) em.createNativeQuery("select count(*) " + from).setParameter(1, uscc).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.id, t.kind, t.posted_at, t.compliance_year, fa.kind, fa.uscc, "
                        + "ta.kind, ta.uscc, l.vintage, l.quantity_t " + from + " order by t.id desc, l.line_no")
                .setParameter(1, uscc).setFirstResult(page * size).setMaxResults(size).getResultList();
        List<StatementLine> lines = new ArrayList<>();
        for (Object[] r : rows) {
            AccountRef f = new AccountRef(Account.Kind.valueOf((String) r[4]), (String) r[5]);
            AccountRef t = new AccountRef(Account.Kind.valueOf((String) r[6]), (String) r[7]);
            boolean in = uscc.equals(t.uscc());
            long q = ((Number) r[9]).longValue();
            lines.add(new StatementLine(((Number) r[0]).longValue(), (String) r[1], Sql.instant(r[2]),
                    r[3] == null ? null : ((Number) r[3]).intValue(), (in ? t : f).label(), (in ? f : t).label(),
                    (String) r[8], in ? q : -q));
        }
        return new Page<>(lines, page, size, total);
    }
}
