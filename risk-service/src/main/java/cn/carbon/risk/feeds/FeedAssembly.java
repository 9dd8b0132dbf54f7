package cn.carbon.risk.feeds;

import cn.carbon.contracts.NetPurchaseEvent;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.Date;
import java.util.List;

/**
 * A feed sent as records on carbon.exchange.net-purchases.v1: each record is one row and says how many rows its feed
 * has. Rows wait in a staging table; the record that completes the feed takes it in through the same
 * {@link FeedIngest} as an upload (all rows or none). A rejected feed is recorded with its problems, nothing applied.
 */
@ApplicationScoped
public class FeedAssembly {

    private static final Logger LOG = Logger.getLogger(FeedAssembly.class);
    static final String RECEIVED_BY = "exchange (carbon.exchange.net-purchases.v1)";

    private final EntityManager em;
    private final FeedIngest ingest;

    public FeedAssembly(EntityManager em, FeedIngest ingest) {
        this.em = em;
        this.ingest = ingest;
    }

    /** @return the receipt when this record completed its feed and the feed was accepted, else null */
    @Transactional(Transactional.TxType.MANDATORY)
    public FeedReceipt accept(NetPurchaseEvent e) {
        if (e.feedId() == null || e.feedId().isBlank() || e.rowCount() < 1) {
            throw new IllegalArgumentException("net-purchase record lacks feedId or a positive rowCount");
        }
        if (e.feedId().length() > 200) {
            throw new IllegalArgumentException("feedId longer than 200 characters");
        }
        Number done = (Number) em.createNativeQuery("select count(*) from net_purchase_feed where feed_id = ?1")
                .setParameter(1, e.feedId()).getSingleResult();
        if (done.longValue() > 0) {
            throw new IllegalArgumentException("feed " + e.feedId() + " was already completed; a new feed needs a new feedId");
        }
        em.createNativeQuery("insert into net_purchase_assembly (feed_id, row_count) values (?1, ?2) on conflict do nothing")
                .setParameter(1, e.feedId()).setParameter(2, e.rowCount()).executeUpdate();
        // the row lock serialises the records of one feed, so exactly one of them sees the feed complete
        Object[] progress = (Object[]) em.createNativeQuery("update net_purchase_assembly set received = received + 1 "
                        + "where feed_id = ?1 returning received, row_count")
                .setParameter(1, e.feedId()).getSingleResult();
        int received = ((Number) progress[0]).intValue();
        int expected = ((Number) progress[1]).intValue();
        if (expected != e.rowCount()) {
            throw new IllegalArgumentException("feed " + e.feedId() + " announced " + expected + " rows, this record "
                    + e.rowCount());
        }
        if (received > expected) {
            throw new IllegalArgumentException("feed " + e.feedId() + " has more than its " + expected + " rows");
        }
        em.createNativeQuery("insert into net_purchase_staged (feed_id, uscc, week_start, week_end, bought_t, sold_t) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, e.feedId()).setParameter(2, e.uscc())
                .setParameter(3, e.weekStart() == null ? null : Date.valueOf(e.weekStart()))
                .setParameter(4, e.weekEnd() == null ? null : Date.valueOf(e.weekEnd()))
                .setParameter(5, e.boughtT()).setParameter(6, e.soldT()).executeUpdate();
        if (received < expected) {
            return null;
        }
        return complete(e.feedId(), expected);
    }

    private FeedReceipt complete(String feedId, int rows) {
        FeedReceipt receipt = null;
        try {
            receipt = ingest.ingest(staged(feedId), FeedIngest.Source.KAFKA, feedId, RECEIVED_BY, null);
        } catch (ProblemException rejected) {
            LOG.warnf("net-purchase feed %s from Kafka rejected: %s %s", feedId, rejected.getMessage(), rejected.errors());
            ingest.reject(feedId, RECEIVED_BY, rows, rejected);
        }
        em.createNativeQuery("delete from net_purchase_staged where feed_id = ?1").setParameter(1, feedId).executeUpdate();
        em.createNativeQuery("delete from net_purchase_assembly where feed_id = ?1").setParameter(1, feedId).executeUpdate();
        return receipt;
    }

    /** The staged rows in arrival order, read a page at a time. */
    private FeedReader staged(String feedId) {
        return new FeedReader() {
            private static final int PAGE = 1000;
            private List<Object[]> page = List.of();
            private int index;
            private long lastSeq = -1;
            private int rowNo;

            @Override
            @SuppressWarnings("unchecked")
            public FeedRow next() throws IOException {
                if (index >= page.size()) {
                    page = em.createNativeQuery("select seq, uscc, cast(week_start as text), cast(week_end as text), "
                                    + "bought_t, sold_t from net_purchase_staged where feed_id = ?1 and seq > ?2 "
                                    + "order by seq limit ?3")
                            .setParameter(1, feedId).setParameter(2, lastSeq).setParameter(3, PAGE).getResultList();
                    index = 0;
                    if (page.isEmpty()) {
                        return null;
                    }
                }
                Object[] r = page.get(index++);
                lastSeq = ((Number) r[0]).longValue();
                return new FeedRow(++rowNo, (String) r[1], (String) r[2], (String) r[3], String.valueOf(r[4]),
                        String.valueOf(r[5]), null);
            }
        };
    }
}
