package cn.carbon.gateway;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The readiness of what the gateway routes to, at {@code /q/health/group/upstreams}. Kept out of the gateway's own
 * readiness so that one slow service does not take the whole edge out of rotation.
 */
@HealthGroup("upstreams")
@ApplicationScoped
public class UpstreamHealth implements HealthCheck {

    private final RoutesConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public UpstreamHealth(RoutesConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstreams").up();
        for (Map.Entry<String, String> route : config.routes().entrySet()) {
            String status;
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(route.getValue() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
                status = r.statusCode() == 200 ? "UP" : "DOWN (" + r.statusCode() + ")";
            } catch (Exception e) {
                status = "DOWN (" + e.getClass().getSimpleName() + ")";
            }
            builder.withData(route.getKey(), status);
            if (!status.equals("UP")) {
                builder.down();
            }
        }
        return builder.build();
    }
}
