package cn.carbon.risk;

import cn.carbon.contracts.ComplianceEvent;
import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.LedgerEvent;
import cn.carbon.contracts.ObligationEvent;
import cn.carbon.contracts.OffsetEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The input events other services publish, sent for real over Kafka, and reads of this service's database. */
public final class Inputs {

    public static final String CYCLE = "2021-2022";

    private Inputs() {
    }

    public static EventEnvelope envelope(String type, String source, String uscc, Object data) {
        return EventEnvelope.of(type, source, uscc, CYCLE, KafkaTestClient.json().valueToTree(data));
    }

    public static void entity(String uscc, String province, String status) {
        KafkaTestClient.send(Topics.ENTITIES, envelope(EntityEvent.REGISTERED, "allocation-service", uscc,
                new EntityEvent(uscc, "Entity " + uscc, province, "POWER", status)));
    }

    public static void obligation(String uscc, String province, int year, long obligationT) {
        KafkaTestClient.send(Topics.OBLIGATIONS, envelope(ObligationEvent.SET, "allocation-service", uscc,
                new ObligationEvent(uscc, province, CYCLE, year, obligationT, false, "OPERATING", "CN-ETS-2021-2022-power", 1)));
    }

    /** The entity's free holdings after a ledger transaction, per vintage. */
    public static void holdings(String uscc, String province, long free2021, long free2022) {
        KafkaTestClient.send(Topics.LEDGER, holdingsEvent(uscc, province, free2021, free2022));
    }

    public static EventEnvelope holdingsEvent(String uscc, String province, long free2021, long free2022) {
        return envelope(LedgerEvent.POSTED, "surrender-service", uscc,
                new LedgerEvent(UUID.randomUUID().toString(), "SETTLEMENT", uscc, province, null, List.of(),
                        List.of(new LedgerEvent.Balance("2021", free2021, 0, 0),
                                new LedgerEvent.Balance("2022", free2022, 0, 0))));
    }

    public static void compliance(String uscc, String province, String cycle, int year, long obligationT,
                                  long surrenderedT, String status, long shortfallT) {
        KafkaTestClient.send(Topics.COMPLIANCE, envelope(ComplianceEvent.CHANGED, "surrender-service", uscc,
                new ComplianceEvent(uscc, province, cycle, year, obligationT, surrenderedT, 0, 0,
                        Math.max(0, obligationT - surrenderedT), shortfallT, status,
                        "OPEN".equals(status) ? null : Instant.parse("2023-12-20T00:00:00Z"), null)));
    }

    public static void offset(String uscc, String province, int year, long quantityT) {
        KafkaTestClient.send(Topics.OFFSETS, envelope(OffsetEvent.CONFIRMED, "offset-service", uscc,
                new OffsetEvent(UUID.randomUUID().toString(), uscc, province, CYCLE, year, quantityT, List.of(), "registry")));
    }

    /** Sends the entity and waits until the directory has it. */
    public static void knownEntity(String uscc, String province) {
        entity(uscc, province, "OPERATING");
        awaitCount("select count(*) from entity_directory where uscc = ?1", 1, uscc);
    }

    public static long count(String sql, Object... params) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(String sql, Object... params) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return (List<Object[]>) q.getResultList();
        });
    }

    public static void awaitCount(String sql, long expected, Object... params) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(sql, params) == expected);
    }
}
