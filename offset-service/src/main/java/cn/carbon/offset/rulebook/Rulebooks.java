package cn.carbon.offset.rulebook;

import cn.carbon.platform.rulebook.PublishedRulebooks;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offset settings of the rulebooks this service applies: those allocation-service published on
 * carbon.rulebooks.v1 ({@link PublishedRulebooks}). The newest version of a cycle governs from the moment it is
 * stored, without a restart; every check records the version it used.
 */
@ApplicationScoped
public class Rulebooks {

    private final PublishedRulebooks published;
    private final Map<String, OffsetRulebook> views = new ConcurrentHashMap<>();

    public Rulebooks(PublishedRulebooks published) {
        this.published = published;
    }

    /** The version in force for {@code cycle}, if this service has received one. */
    public Optional<OffsetRulebook> current(String cycle) {
        return published.forCycle(cycle).map(rb -> views.computeIfAbsent(rb.id() + "@v" + rb.version(),
                k -> OffsetRulebook.of(rb)));
    }

    /** As {@link #current}, or 422 naming {@code field}: no rulebook governs that cycle here. */
    public OffsetRulebook require(String cycle, String field) {
        return current(cycle).orElseThrow(() -> ProblemException.unprocessable("unknown-cycle", "Unknown cycle",
                "no rulebook has been published for cycle " + cycle,
                List.of(Problem.FieldError.field(field, "no rulebook has been published for cycle " + cycle))));
    }
}
