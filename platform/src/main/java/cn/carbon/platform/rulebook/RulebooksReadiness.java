package cn.carbon.platform.rulebook;

import cn.carbon.contracts.rulebook.Rulebook;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.stream.Collectors;

/**
 * Says in the readiness detail which rulebooks this service applies. Up without any: the service still answers reads
 * and every other year's commands, and refuses the commands of a year it has no rulebook for (409 no-rulebook).
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "carbon.rulebooks.applied", stringValue = "true")
public class RulebooksReadiness implements HealthCheck {

    private final PublishedRulebooks rulebooks;

    public RulebooksReadiness(PublishedRulebooks rulebooks) {
        this.rulebooks = rulebooks;
    }

    @Override
    public HealthCheckResponse call() {
        var all = rulebooks.all();
        return HealthCheckResponse.named("rulebooks").up()
                .withData("applied", all.isEmpty() ? "none received: every compliance year's commands are refused"
                        : all.stream().map(RulebooksReadiness::describe).collect(Collectors.joining("; ")))
                .build();
    }

    private static String describe(Rulebook rb) {
        return rb.id() + " v" + rb.version() + " (" + rb.complianceYears().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + ")";
    }
}
