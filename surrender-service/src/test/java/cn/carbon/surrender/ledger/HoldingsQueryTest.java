package cn.carbon.surrender.ledger;

import cn.carbon.surrender.support.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

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
        String plan = QueryPlans.explain(em, SqlLedgerStore.HOLDINGS, "'91320000MA00000000'");
        assertThat(plan).doesNotContain("Seq Scan on account").contains("account_entity");
    }
}
