package cn.carbon.surrender.metrics;

import cn.carbon.surrender.compliance.ComplianceQueries;
import cn.carbon.surrender.compliance.ComplianceStatus;
import cn.carbon.surrender.ledger.Reconciliation;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ledger's signals for the operations team, measured on a schedule (never on a scrape):
 * <ul>
 *   <li>{@code carbon_ledger_reconciliation_passed} (1/0) and {@code carbon_ledger_reconciliation_failed_invariants}:
 *   the reconciliation of {@code GET /ledger/reconciliation};</li>
 *   <li>{@code carbon_compliance_share{cycle,year,province}}: the share of obliged entities that have complied;</li>
 *   <li>{@code carbon_compliance_target_share{cycle,deadline}} and
 *   {@code carbon_compliance_target_deadline_seconds{cycle,deadline}}: the rulebook's targets and the end of their dates.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class LedgerSignals {

    private static final Logger LOG = Logger.getLogger(LedgerSignals.class);

    private final Reconciliation reconciliation;
    private final ComplianceQueries compliance;
    private final Rulebooks rulebooks;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final EntityManager em;
    private final AtomicReference<Double> passed = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> failedInvariants = new AtomicReference<>(Double.NaN);
    private final Map<Tags, AtomicReference<Double>> shares = new ConcurrentHashMap<>();

    public LedgerSignals(Reconciliation reconciliation, ComplianceQueries compliance, Rulebooks rulebooks, Clock clock,
                         MeterRegistry metrics, EntityManager em) {
        this.em = em;
        this.reconciliation = reconciliation;
        this.compliance = compliance;
        this.rulebooks = rulebooks;
        this.clock = clock;
        this.metrics = metrics;
        Gauge.builder("carbon.ledger.reconciliation.passed", passed, AtomicReference::get)
                .description("1 when every invariant of the last reconciliation held, 0 when one broke").register(metrics);
        Gauge.builder("carbon.ledger.reconciliation.failed.invariants", failedInvariants, AtomicReference::get)
                .description("invariants the last reconciliation found broken").register(metrics);
    }

    /**
     * The targets and dates of every rulebook received so far: rulebooks arrive on carbon.rulebooks.v1 after the start,
     * so each measurement registers those not registered yet (registering again is a no-op).
     */
    private void registerTargets() {
        for (Rulebook rb : rulebooks.all()) {
            for (Rulebook.Target t : rb.targets()) {
                Tags tags = Tags.of("cycle", rb.cycle(), "deadline", t.deadline());
                Gauge.builder("carbon.compliance.target.share", t, Rulebook.Target::shareOfEntities)
                        .description("share of obliged entities the rulebook requires complied by the deadline")
                        .tags(tags).register(metrics);
                double end = rb.endOf(t.date()).getEpochSecond();
                Gauge.builder("carbon.compliance.target.deadline.seconds", () -> end)
                        .description("end of the target's date in the rulebook's time zone, Unix seconds")
                        .tags(tags).register(metrics);
            }
        }
    }

    @Scheduled(every = "${carbon.metrics.ledger-every:60s}", delay = 10, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measure() {
        try {
            registerTargets();
            Reconciliation.Report report = reconciliation.run();
            passed.set(report.passed() ? 1.0 : 0.0);
            failedInvariants.set((double) report.invariants().stream().filter(i -> !i.passed()).count());
            for (Rulebook rb : rulebooks.all()) {
                List<ComplianceQueries.YearState> states = QuarkusTransaction.requiringNew()
                        .call(() -> compliance.states(rb, null, null, null, clock.instant()));
                Map<String, Double> shares = shares(states);
                // every province of the directory shows, NaN (no obliged entity yet) until its obligations arrive
                for (String province : provinces()) {
                    for (int year : rb.complianceYears()) {
                        shares.putIfAbsent(year + "/" + province, Double.NaN);
                    }
                }
                shares.forEach((key, share) -> share(Tags.of("cycle", rb.cycle(), "year", key.substring(0, 4),
                        "province", key.substring(5))).set(share));
            }
        } catch (RuntimeException e) {
            LOG.warnf("ledger signals not measured: %s", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> provinces() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select distinct province_code from entity_directory where province_code is not null").getResultList());
    }

    /** Per "year/province": complied over obliged (exempt entities are not obliged); 1 where nobody is obliged. */
    static Map<String, Double> shares(List<ComplianceQueries.YearState> states) {
        Map<String, long[]> counts = new TreeMap<>();
        for (ComplianceQueries.YearState s : states) {
            if (s.provinceCode() == null || s.status() == ComplianceStatus.EXEMPT) {
                continue;
            }
            long[] c = counts.computeIfAbsent(s.complianceYear() + "/" + s.provinceCode(), k -> new long[2]);
            c[0]++;
            if (s.status().complied()) {
                c[1]++;
            }
        }
        Map<String, Double> shares = new TreeMap<>();
        counts.forEach((key, c) -> shares.put(key, c[0] == 0 ? 1.0 : (double) c[1] / c[0]));
        return shares;
    }

    private AtomicReference<Double> share(Tags tags) {
        return shares.computeIfAbsent(tags, t -> {
            AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
            Gauge.builder("carbon.compliance.share", value, AtomicReference::get)
                    .description("share of the province's obliged entities that have complied for the year")
                    .tags(t).register(metrics);
            return value;
        });
    }
}
