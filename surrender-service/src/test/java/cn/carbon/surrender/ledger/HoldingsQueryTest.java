package cn.carbon.surrender.ledger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holdings every ledger posting publishes are read through an index on the entity's USCC: a plan that must read
 * the whole account table (16 ms a posting at 43,000 accounts) is what this guards against.
 */
@QuarkusTest
class HoldingsQueryTest {

    @Inject
    EntityManager em;

    @Test
    void anEntitysHoldingsAreFoundThroughAnIndexNotByReadingEveryAccount() {
        List<String> plan = QuarkusTransaction.requiringNew().call(() -> {
            // with sequential scans priced out, only a missing index leaves one in the plan
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> lines = em.createNativeQuery("explain " + SqlLedgerStore.HOLDINGS.replace("?",
                    "'91320000MA00000000'")).getResultList();
            return lines;
        });
        assertThat(String.join("\n", plan)).doesNotContain("Seq Scan on account").contains("account_entity");
    }
}
