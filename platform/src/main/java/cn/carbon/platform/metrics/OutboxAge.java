package cn.carbon.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The age of the oldest outbox row Kafka has not acknowledged ({@code carbon_outbox_oldest_age_seconds}, 0 when the
 * outbox is empty): a backlog that only grows older means the relay is stuck, while {@code carbon_outbox_pending}
 * alone also rises with a burst of commands.
 */
@Startup
@ApplicationScoped
public class OutboxAge {

    private final EntityManager em;

    public OutboxAge(EntityManager em, MeterRegistry metrics) {
        this.em = em;
        Gauge.builder("carbon.outbox.oldest.age.seconds", this, OutboxAge::ageQuietly)
                .description("seconds since the oldest unsent outbox event was written").register(metrics);
    }

    public double ageSeconds() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_event where sent_at is null")
                .getSingleResult()).doubleValue());
    }

    private double ageQuietly() {
        try {
            return ageSeconds();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
