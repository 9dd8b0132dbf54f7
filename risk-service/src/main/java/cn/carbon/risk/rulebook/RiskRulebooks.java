package cn.carbon.risk.rulebook;

import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.platform.rulebook.PublishedRulebooks;
import cn.carbon.platform.time.BusinessClock;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.risk.index.RiskSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The risk settings of the cycles this service follows, from the newest version of each cycle's rulebook that
 * allocation-service published on carbon.rulebooks.v1: a new version governs from the moment it is stored, without a
 * restart. The cycle in force follows the business clock ({@link RiskCycles#inForce}); {@code carbon.risk.cycle} pins
 * one cycle instead (then the others are ignored). Without a rulebook the service refuses the work (409 no-rulebook).
 */
@ApplicationScoped
public class RiskRulebooks {

    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final PublishedRulebooks published;
    private final RiskSettings settings;
    private final BusinessClock clock;
    private final Map<String, RiskRulebook> views = new ConcurrentHashMap<>();

    public RiskRulebooks(PublishedRulebooks published, RiskSettings settings, BusinessClock clock) {
        this.published = published;
        this.settings = settings;
        this.clock = clock;
    }

    /** The settings of the cycle in force today (or of the pinned cycle). */
    public RiskRulebook current() {
        return cycles().inForce(today()).orElseThrow(() -> noRulebook(pin().map(c -> "cycle " + c)
                .orElse("any cycle")));
    }

    /** The settings of a followed cycle; 404 for a cycle this service has no rulebook of. */
    public RiskRulebook cycle(String cycle) {
        return cycles().cycle(cycle).orElseThrow(() -> ProblemException.notFound("cycle " + cycle));
    }

    /** Every followed cycle whose rulebook has arrived, by deadline. */
    public RiskCycles cycles() {
        List<RiskRulebook> received = pin()
                .map(c -> published.forCycle(c).stream().toList())
                .orElseGet(published::all).stream()
                .map(rb -> views.computeIfAbsent(rb.id() + "@v" + rb.version(), k -> RiskRulebook.of(rb))).toList();
        // one view per cycle (all() lists one version per rulebook; a cycle shared by sectors keeps the first)
        Map<String, RiskRulebook> byCycle = new LinkedHashMap<>();
        received.forEach(r -> byCycle.putIfAbsent(r.cycle(), r));
        return new RiskCycles(byCycle.values());
    }

    /**
     * The day the index is computed for: {@code carbon.risk.as-of} when set (a replayed season), else the business
     * clock's day in the rulebooks' time zone. Computed here, not in RiskClock, which needs the cycle in force.
     */
    public LocalDate today() {
        return settings.asOf().orElseGet(() -> LocalDate.ofInstant(clock.instant(), zone()));
    }

    private ZoneId zone() {
        return pin().flatMap(published::forCycle).or(() -> published.all().stream().findFirst())
                .map(Rulebook::timeZone).orElse(DEFAULT_ZONE);
    }

    private Optional<String> pin() {
        return settings.cycle().filter(c -> !c.isBlank());
    }

    private static ProblemException noRulebook(String what) {
        return ProblemException.conflict("no-rulebook", "No rulebook",
                "this service has received no rulebook for " + what + " on carbon.rulebooks.v1; "
                        + "its commands are refused until allocation-service publishes one");
    }
}
