package cn.carbon.platform.health;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ready only while the broker answers: a service whose outbox cannot be relayed should not take commands it cannot
 * announce. (Consumers' channels report their own health as well.)
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadiness implements HealthCheck {

    private final Config config;
    private volatile Admin admin;

    public KafkaBrokerReadiness(Config config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                    .get(3, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("Kafka broker").status(brokers > 0).withData("brokers", brokers).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("Kafka broker").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> props = cn.carbon.platform.messaging.KafkaClientProperties.of(config);
                    props.put("client.id", config.getOptionalValue("quarkus.application.name", String.class)
                            .orElse("carbon") + "-health");
                    admin = Admin.create(props);
                }
                current = admin;
            }
        }
        return current;
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        if (admin != null) {
            admin.close();
        }
    }
}
