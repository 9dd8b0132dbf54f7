package cn.carbon.risk.rulebook;

import cn.carbon.platform.rulebook.PublishedRulebooks;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The risk settings of the cycle this service follows ({@code carbon.risk.cycle}), from the newest version of its
 * rulebook that allocation-service published on carbon.rulebooks.v1: a new version governs from the moment it is
 * stored, without a restart. Without one the service refuses that cycle's work (409 no-rulebook).
 */
@ApplicationScoped
public class RiskRulebooks {

    private final PublishedRulebooks published;
    private final String cycle;
    private final Map<String, RiskRulebook> views = new ConcurrentHashMap<>();

    public RiskRulebooks(PublishedRulebooks published, @ConfigProperty(name = "carbon.risk.cycle") String cycle) {
        this.published = published;
        this.cycle = cycle;
    }

    /** The settings in force for the followed cycle. */
    public RiskRulebook current() {
        var rb = published.requireCycle(cycle);
        return views.computeIfAbsent(rb.id() + "@v" + rb.version(), k -> RiskRulebook.of(rb));
    }

    /** Whether the followed cycle's rulebook has arrived. */
    public boolean available() {
        return published.forCycle(cycle).isPresent();
    }
}
