package cn.carbon.surrender.audit;

import cn.carbon.platform.audit.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands appending at once: the single appender chains them together, and the chain is the one a single writer
 * would have written: every entry once, each command's entries in its order, verified intact.
 */
@QuarkusTest
class AuditGroupCommitTest {

    static final int COMMANDS = 16;
    static final int EACH = 25;

    @Inject
    AuditTrail trail;
    @Inject
    EntityManager em;

    @Test
    void concurrentAppendsFormOneIntactChainWithEveryEntryOnceInItsCommandsOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long before = trail.head().seq();
        ExecutorService pool = Executors.newFixedThreadPool(COMMANDS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < COMMANDS; c++) {
                int command = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < EACH; i++) {
                        trail.append(new AuditTrail.Entry("registry.test", "registry", "national",
                                run + "-" + command + "-" + i, "POST", "api/surrender/test", 201, null));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select seq, request_id from audit_entry where request_id like ?1 order by seq")
                .setParameter(1, run + "-%").getResultList());
        assertThat(rows).hasSize(COMMANDS * EACH);
        assertThat(rows.stream().map(r -> (String) r[1]).distinct()).hasSize(COMMANDS * EACH);
        int[] next = new int[COMMANDS];
        for (Object[] r : rows) {
            String[] parts = ((String) r[1]).split("-");
            int command = Integer.parseInt(parts[1]);
            assertThat(Integer.parseInt(parts[2])).as("command %d's entries in its order", command).isEqualTo(next[command]++);
            assertThat(((Number) r[0]).longValue()).isGreaterThan(before);
        }
        AuditTrail.Verification v = trail.verify(Optional.empty());
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(trail.head().seq()).isGreaterThanOrEqualTo(before + COMMANDS * EACH);
    }
}
