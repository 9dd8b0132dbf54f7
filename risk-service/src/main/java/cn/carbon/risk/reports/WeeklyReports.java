package cn.carbon.risk.reports;

import cn.carbon.platform.web.ProblemException;
import cn.carbon.risk.index.ComplianceGap;
import cn.carbon.risk.index.EntityInputs;
import cn.carbon.risk.index.RiskClock;
import cn.carbon.risk.index.RiskInputsRepository;
import cn.carbon.risk.index.RiskSituation;
import cn.carbon.risk.rulebook.RiskCycles;
import cn.carbon.risk.rulebook.RiskRulebook;
import cn.carbon.risk.rulebook.RiskRulebooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the weekly reports from the current feeds, each for the cycle whose final month(s) hold its week (not the
 * cycle in force today: a past cycle's report still answers). The entities of a report are the province's entities that
 * have an obligation in that cycle or a row in the week; the remaining gap is the cycle gap of {@link ComplianceGap}
 * today.
 */
@ApplicationScoped
public class WeeklyReports {

    private final EntityManager em;
    private final RiskRulebooks rulebooks;
    private final RiskInputsRepository inputs;
    private final RiskClock clock;

    public WeeklyReports(EntityManager em, RiskRulebooks rulebooks, RiskInputsRepository inputs, RiskClock clock) {
        this.em = em;
        this.rulebooks = rulebooks;
        this.inputs = inputs;
        this.clock = clock;
    }

    /** The report of the stored week containing {@code day}; 404 without such a week, 400 outside the final month. */
    public WeeklyReport forWeekOf(String provinceCode, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Object[]> weeks = em.createNativeQuery("select week_start, week_end from net_purchase_week "
                + "where week_start <= ?1 and week_end >= ?1").setParameter(1, day).getResultList();
        if (weeks.isEmpty()) {
            throw ProblemException.notFound("net-purchase week containing " + day);
        }
        LocalDate start = date(weeks.get(0)[0]);
        LocalDate end = date(weeks.get(0)[1]);
        RiskCycles cycles = rulebooks.cycles();
        RiskRulebook rb = cycles.ofReportingWeek(start, end).orElseGet(rulebooks::current);
        if (!rb.isReportingWeek(start, end)) {
            throw ProblemException.invalid("week", "the week " + start + ".." + end + " is not in the final month before "
                    + "the deadline (" + String.join(", ", cycles.all().stream().map(r -> (cycles.all().size() == 1
                    ? "" : r.cycle() + ": ") + r.reportingStart() + ".." + r.cycleDeadline()).toList()) + ")");
        }
        List<String> usccs = entitiesOf(provinceCode, start, rb);
        return build(provinceCode, start, end, usccs, gaps(usccs, rb), rb);
    }

    /** The provinces with something to report for the week. */
    @SuppressWarnings("unchecked")
    public List<String> provincesOf(LocalDate weekStart, RiskRulebook rb) {
        return em.createNativeQuery("""
                        select distinct e.province_code from entity_directory e
                        where exists (select 1 from obligation o where o.uscc = e.uscc and o.cycle = ?1)
                           or exists (select 1 from current_net_purchase n where n.uscc = e.uscc and n.week_start = ?2)
                        order by 1""")
                .setParameter(1, rb.cycle()).setParameter(2, weekStart).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<String> entitiesOf(String provinceCode, LocalDate weekStart, RiskRulebook rb) {
        return em.createNativeQuery("""
                        select e.uscc from entity_directory e
                        where e.province_code = ?3
                          and (exists (select 1 from obligation o where o.uscc = e.uscc and o.cycle = ?1)
                               or exists (select 1 from current_net_purchase n where n.uscc = e.uscc and n.week_start = ?2))
                        order by e.uscc""")
                .setParameter(1, rb.cycle()).setParameter(2, weekStart).setParameter(3, provinceCode).getResultList();
    }

    /** The cycle gap of each entity in the cycle of {@code rb} today (0 without an obligation). */
    public Map<String, Long> gaps(Collection<String> usccs, RiskRulebook rb) {
        LocalDate today = clock.today();
        Map<String, Long> gaps = new HashMap<>();
        for (EntityInputs in : inputs.load(usccs, today, today, rb).values()) {
            long gap = 0;
            for (int year : rb.complianceYears()) {
                Optional<RiskSituation> s = ComplianceGap.situation(in, year, today, rb);
                if (s.isPresent()) {
                    gap = s.get().cycleGapT();
                    break;
                }
            }
            gaps.put(in.uscc(), gap);
        }
        return gaps;
    }

    @SuppressWarnings("unchecked")
    public WeeklyReport build(String provinceCode, LocalDate start, LocalDate end, List<String> usccs, Map<String, Long> gaps,
                              RiskRulebook rb) {
        LocalDate from = rb.reportingStart();
        Map<String, long[]> week = new HashMap<>();   // bought, sold, net
        Map<String, Long> cumulative = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        if (!usccs.isEmpty()) {
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select uscc, bought_t, sold_t, net_t "
                            + "from current_net_purchase where week_start = ?1 and uscc in (?2)")
                    .setParameter(1, start).setParameter(2, usccs).getResultList()) {
                week.put((String) r[0], new long[]{num(r[1]), num(r[2]), num(r[3])});
            }
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select uscc, sum(net_t) from current_net_purchase "
                            + "where week_end >= ?1 and week_start <= ?2 and uscc in (?3) group by uscc")
                    .setParameter(1, from).setParameter(2, start).setParameter(3, usccs).getResultList()) {
                cumulative.put((String) r[0], num(r[1]));
            }
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select uscc, name from entity_directory where uscc in (?1)")
                    .setParameter(1, usccs).getResultList()) {
                names.put((String) r[0], (String) r[1]);
            }
        }
        Number version = (Number) em.createNativeQuery("select version from net_purchase_week where week_start = ?1")
                .setParameter(1, start).getSingleResult();
        List<WeeklyReport.Row> rows = new ArrayList<>(usccs.size());
        for (String uscc : usccs) {
            long[] w = week.getOrDefault(uscc, new long[3]);
            rows.add(new WeeklyReport.Row(uscc, names.get(uscc), w[0], w[1], w[2], cumulative.getOrDefault(uscc, 0L),
                    gaps.getOrDefault(uscc, 0L)));
        }
        return new WeeklyReport(provinceCode, rb.cycle(), start, end, from, rb.cycleDeadline(),
                version.intValue(), rows);
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static LocalDate date(Object o) {
        return o instanceof LocalDate d ? d : ((Date) o).toLocalDate();
    }
}
