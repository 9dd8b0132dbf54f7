package cn.carbon.surrender.carryover;

import cn.carbon.surrender.support.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One entity's carry-over cap reads its own trades and its own account's lines through indexes: the first version
 * summed the whole ledger for every entity and kept one row (0.3 s a request at 60,000 ledger transactions).
 */
@QuarkusTest
class CarryOverCapQueryTest {

    static final String USCC = "'91320000MA00000000'";
    static final String VINTAGES = "array['2023', '2024']";
    static final String FROM = "timestamptz '2024-01-01 00:00+08'";
    static final String AS_OF = "timestamptz '2025-12-31 24:00+08'";

    @Inject
    EntityManager em;

    @Test
    void anEntitysTradesAreFoundAsSellerAndAsBuyerThroughIndexes() {
        assertThat(explain(CarryOverCaps.ENTITY_SALES, VINTAGES, FROM, AS_OF, USCC))
                .doesNotContain("Seq Scan").contains("ledger_transaction_entity").contains("(uscc)::text = " + USCC);
        assertThat(explain(CarryOverCaps.ENTITY_PURCHASES, VINTAGES, FROM, AS_OF, USCC))
                .doesNotContain("Seq Scan").contains("ledger_transaction_counterparty")
                .contains("(counterparty_uscc)::text = " + USCC);
    }

    @Test
    void anEntitysHoldingsAreSummedFromItsOwnAccountsLines() {
        String plan = explain(CarryOverCaps.ENTITY_HOLDINGS, USCC, VINTAGES, AS_OF);
        assertThat(plan).doesNotContain("Seq Scan on ledger_line").doesNotContain("Seq Scan on account")
                .contains("ledger_line_to").contains("ledger_line_from");
    }

    private String explain(String sql, String... literals) {
        return QueryPlans.explain(em, sql, literals);
    }
}
