package cn.carbon.surrender.compliance;

import cn.carbon.surrender.ledger.Sql;
import cn.carbon.surrender.rulebook.Rulebook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compliance as of any instant, read from the records' history and the ledger: the status at the deadline is what the
 * history held then, and no later change alters it.
 */
@ApplicationScoped
public class ComplianceQueries {

    private final EntityManager em;

    public ComplianceQueries(EntityManager em) {
        this.em = em;
    }

    /** An entity's year as it stood just before {@code cutoff}. */
    public record YearState(String uscc, String name, String provinceCode, int complianceYear, Long obligationT,
                            long obligationAddedT, boolean exempt, Long remainingT, long shortfallT, Instant completedAt,
                            ComplianceStatus status) {
    }

    public record VintageQuantity(String vintage, long quantityT) {
    }

    public record YearView(int complianceYear, Long obligationT, long obligationAddedT, List<VintageQuantity> surrendered,
                           long surrenderedT, long offsetT, long borrowedT, long borrowedUsedT, Long remainingT,
                           long shortfallT, ComplianceStatus status, ComplianceStatus statusAtDeadline,
                           Instant completedAt, String certificateId) {
    }

    public record StatusCounts(int complianceYear, long entities, Map<ComplianceStatus, Long> byStatus,
                               double compliedShare, List<TargetView> targets) {
    }

    /** A share of entities required by a date (K26), and the share that had complied by then. */
    public record TargetView(String deadline, LocalDate date, double requiredShare, Double shareAtDate, Boolean met) {
    }

    /** Every record of the cycle matching the filters (null = any), as it stood before {@code cutoff}. */
    public List<YearState> states(Rulebook rulebook, String province, Integer year, String uscc, Instant cutoff) {
        return states(rulebook, province, year, uscc, null, cutoff);
    }

    /**
     * As {@link #states(Rulebook, String, Integer, String, Instant)}, {@code search} (null = any) keeping the records
     * whose USCC starts with it or whose entity's name contains it, letters compared in upper case (PostgreSQL's
     * {@code upper}). The statement filters before it reads each record's history, so that finding one entity does not
     * cost the whole country.
     */
    public List<YearState> states(Rulebook rulebook, String province, Integer year, String uscc, String search,
                                  Instant cutoff) {
        StringBuilder sql = new StringBuilder("select r.uscc, e.name, r.province_code, r.compliance_year, h.obligation_t, "
                + "h.obligation_added_t, h.exempt, h.remaining_t, h.shortfall_t, h.completed_at "
                + "from compliance_record r join entity_directory e on e.uscc = r.uscc "
                + "left join lateral (select * from compliance_history h where h.uscc = r.uscc "
                + "and h.compliance_year = r.compliance_year and h.at < :cutoff order by h.at desc, h.id desc limit 1) h on true "
                + "where r.cycle = :cycle");
        if (province != null) {
            sql.append(" and r.province_code = :province");
        }
        if (year != null) {
            sql.append(" and r.compliance_year = :year");
        }
        if (uscc != null) {
            sql.append(" and r.uscc = :uscc");
        }
        if (search != null) {
            sql.append(" and (starts_with(upper(r.uscc), upper(:search)) or strpos(upper(e.name), upper(:search)) > 0)");
        }
        sql.append(" order by r.province_code, r.uscc, r.compliance_year");
        Query q = em.createNativeQuery(sql.toString()).setParameter("cutoff", Sql.at(cutoff)).setParameter("cycle", rulebook.cycle());
        if (province != null) {
            q.setParameter("province", province);
        }
        if (year != null) {
            q.setParameter("year", year);
        }
        if (uscc != null) {
            q.setParameter("uscc", uscc);
        }
        if (search != null) {
            q.setParameter("search", search);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<YearState> states = new ArrayList<>(rows.size());
        Instant deadline = rulebook.complianceDeadline();
        for (Object[] r : rows) {
            boolean exempt = Boolean.TRUE.equals(r[6]);
            Long remaining = Sql.longOrNull(r[7]);
            Instant completedAt = Sql.instant(r[9]);
            states.add(new YearState((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                    Sql.longOrNull(r[4]), r[5] == null ? 0 : ((Number) r[5]).longValue(), exempt, remaining,
                    r[8] == null ? 0 : ((Number) r[8]).longValue(), completedAt,
                    ComplianceStatus.of(exempt, remaining, completedAt, cutoff, deadline)));
        }
        return states;
    }

    /**
     * One entity's years of the cycle before {@code cutoff}, with the status frozen at the deadline once the cutoff
     * lies beyond it.
     */
    public List<YearView> entity(Rulebook rulebook, String uscc, Instant cutoff) {
        Map<Integer, YearState> states = new HashMap<>();
        states(rulebook, null, null, uscc, cutoff).forEach(s -> states.put(s.complianceYear(), s));
        Map<Integer, YearState> atDeadline = new HashMap<>();
        Instant deadline = rulebook.complianceDeadline();
        boolean deadlinePassed = cutoff.isAfter(deadline);
        if (deadlinePassed) {
            states(rulebook, null, null, uscc, deadline).forEach(s -> atDeadline.put(s.complianceYear(), s));
        }
        Map<Integer, List<VintageQuantity>> surrendered = new HashMap<>();
        Map<Integer, long[]> sums = new HashMap<>(); // surrendered, borrowedUsed, offset, borrowed
        @SuppressWarnings("unchecked")
        List<Object[]> lines = em.createNativeQuery("select t.compliance_year, t.kind, l.vintage, l.restricted, "
                        + "sum(coalesce(l.quantity_t, t.quantity_t)) from ledger_transaction t "
                        + "left join ledger_line l on l.transaction_id = t.id "
                        + "where t.uscc = ?1 and t.posted_at < ?2 and t.compliance_year is not null "
                        + "and t.kind in ('SURRENDER', 'FORCED_SURRENDER', 'OFFSET_CREDIT', 'BORROWING') "
                        + "group by 1, 2, 3, 4 order by 1, 3")
                .setParameter(1, uscc).setParameter(2, Sql.at(cutoff)).getResultList();
        for (Object[] r : lines) {
            int year = ((Number) r[0]).intValue();
            String kind = (String) r[1];
            Object sum = r[4];
            if (sum == null) {
                continue; // a forced surrender of nothing
            }
            long q = ((Number) sum).longValue();
            long[] s = sums.computeIfAbsent(year, y -> new long[4]);
            switch (kind) {
                case "SURRENDER", "FORCED_SURRENDER" -> {
                    surrendered.computeIfAbsent(year, y -> new ArrayList<>()).add(new VintageQuantity((String) r[2], q));
                    s[0] += q;
                    if (Boolean.TRUE.equals(r[3])) {
                        s[1] += q;
                    }
                }
                case "OFFSET_CREDIT" -> s[2] += q;
                default -> s[3] += q;
            }
        }
        Map<Integer, String> certificates = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> certs = em.createNativeQuery("select compliance_year, id from certificate where uscc = ?1 "
                + "and issued_at < ?2 order by issued_at, number").setParameter(1, uscc).setParameter(2, Sql.at(cutoff)).getResultList();
        certs.forEach(c -> certificates.put(((Number) c[0]).intValue(), (String) c[1]));
        List<YearView> years = new ArrayList<>();
        for (int year : rulebook.complianceYears()) {
            YearState s = states.get(year);
            long[] sum = sums.getOrDefault(year, new long[4]);
            List<VintageQuantity> byVintage = merge(surrendered.getOrDefault(year, List.of()));
            ComplianceStatus status = s == null ? ComplianceStatus.of(false, null, null, cutoff, deadline) : s.status();
            YearState d = atDeadline.get(year);
            ComplianceStatus frozen = !deadlinePassed ? null
                    : d == null ? ComplianceStatus.of(false, null, null, deadline, deadline) : d.status();
            years.add(new YearView(year, s == null ? null : s.obligationT(), s == null ? 0 : s.obligationAddedT(), byVintage,
                    sum[0], sum[2], sum[3], sum[1], s == null ? null : s.remainingT(), s == null ? 0 : s.shortfallT(),
                    status, frozen, s == null ? null : s.completedAt(), status.complied() ? certificates.get(year) : null));
        }
        return years;
    }

    private static List<VintageQuantity> merge(List<VintageQuantity> lines) {
        Map<String, Long> byVintage = new LinkedHashMap<>();
        lines.forEach(l -> byVintage.merge(l.vintage(), l.quantityT(), Long::sum));
        List<VintageQuantity> merged = new ArrayList<>();
        byVintage.forEach((v, q) -> merged.add(new VintageQuantity(v, q)));
        return merged;
    }

    /** Counts per status and, per target date of the rulebook, the share of (non-exempt) entities complied by then. */
    public List<StatusCounts> counts(Rulebook rulebook, String province, Integer year, Instant cutoff) {
        return counts(rulebook, province, year, cutoff, states(rulebook, province, year, null, cutoff));
    }

    /** As {@link #counts(Rulebook, String, Integer, Instant)}, with the states at the cutoff already read ({@code now}). */
    public List<StatusCounts> counts(Rulebook rulebook, String province, Integer year, Instant cutoff,
                                     List<YearState> now) {
        List<StatusCounts> counts = new ArrayList<>();
        Map<String, List<YearState>> atTargets = new LinkedHashMap<>();
        for (var t : rulebook.targets()) {
            Instant end = rulebook.endOf(t.date());
            if (!end.isAfter(cutoff)) {
                atTargets.put(t.deadline(), states(rulebook, province, year, null, end));
            }
        }
        for (int y : rulebook.complianceYears()) {
            if (year != null && y != year) {
                continue;
            }
            Map<ComplianceStatus, Long> byStatus = new EnumMap<>(ComplianceStatus.class);
            for (ComplianceStatus s : ComplianceStatus.values()) {
                byStatus.put(s, 0L);
            }
            now.stream().filter(s -> s.complianceYear() == y).forEach(s -> byStatus.merge(s.status(), 1L, Long::sum));
            long entities = byStatus.values().stream().mapToLong(Long::longValue).sum();
            List<TargetView> targets = new ArrayList<>();
            for (var t : rulebook.targets()) {
                List<YearState> then = atTargets.get(t.deadline());
                Double share = then == null ? null : share(then.stream().filter(s -> s.complianceYear() == y).toList());
                targets.add(new TargetView(t.deadline(), t.date(), t.shareOfEntities(), share,
                        share == null ? null : share >= t.shareOfEntities()));
            }
            counts.add(new StatusCounts(y, entities, byStatus,
                    share(now.stream().filter(s -> s.complianceYear() == y).toList()), targets));
        }
        return counts;
    }

    private static double share(List<YearState> states) {
        long obliged = states.stream().filter(s -> s.status() != ComplianceStatus.EXEMPT).count();
        long complied = states.stream().filter(s -> s.status().complied()).count();
        return obliged == 0 ? 1.0 : (double) complied / obliged;
    }
}
