package cn.carbon.risk.index;

import cn.carbon.risk.rulebook.RiskRulebook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link EntityInputs} for many entities in a handful of set queries (a feed may touch thousands). Entities the
 * directory does not know yet are left out: they are assessed when their entity event arrives.
 */
@ApplicationScoped
public class RiskInputsRepository {

    private static final int CHUNK = 500;

    private final EntityManager em;
    public RiskInputsRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * @param weeksFrom only weeks ending after this day are loaded (null: the whole feed window)
     * @param weeksTo   only weeks ending on or before this day
     * @param rb        the cycle whose compliance years are loaded
     */
    public Map<String, EntityInputs> load(Collection<String> usccs, LocalDate weeksFrom, LocalDate weeksTo,
                                          RiskRulebook rb) {
        Map<String, EntityInputs> all = new LinkedHashMap<>();
        List<String> list = new ArrayList<>(usccs);
        for (int i = 0; i < list.size(); i += CHUNK) {
            all.putAll(loadChunk(list.subList(i, Math.min(list.size(), i + CHUNK)), weeksFrom, weeksTo, rb));
        }
        return all;
    }

    public List<String> usccsOfProvince(String provinceCode) {
        return cast(em.createNativeQuery("select uscc from entity_directory where province_code = ?1 order by uscc")
                .setParameter(1, provinceCode).getResultList());
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<?> list) {
        return (List<T>) list;
    }

    private Map<String, EntityInputs> loadChunk(List<String> usccs, LocalDate weeksFrom, LocalDate weeksTo,
                                                RiskRulebook rb) {
        record Entity(String province, String status) {
        }
        Map<String, Entity> entities = new HashMap<>();
        for (Object[] r : rows("select uscc, province_code, status from entity_directory where uscc in (:u)", usccs)) {
            entities.put((String) r[0], new Entity((String) r[1], (String) r[2]));
        }
        List<Integer> years = rb.complianceYears();
        int firstYear = years.stream().mapToInt(Integer::intValue).min().orElseThrow();

        Map<String, Map<Integer, long[]>> obligations = new HashMap<>(); // obligation_t, exempt(0/1)
        for (Object[] r : rows("select uscc, compliance_year, obligation_t, exempt from obligation where uscc in (:u)", usccs)) {
            int year = ((Number) r[1]).intValue();
            if (years.contains(year)) {
                obligations.computeIfAbsent((String) r[0], k -> new HashMap<>())
                        .put(year, new long[]{((Number) r[2]).longValue(), Boolean.TRUE.equals(r[3]) ? 1 : 0});
            }
        }
        record Compliance(long obligationT, long remainingT, long offsetT, String status) {
        }
        Map<String, Map<Integer, Compliance>> compliance = new HashMap<>();
        Map<String, Integer> pastShortfalls = new HashMap<>();
        for (Object[] r : rows("select uscc, compliance_year, obligation_t, remaining_t, offset_t, status, shortfall_t "
                + "from compliance_record where uscc in (:u)", usccs)) {
            String uscc = (String) r[0];
            int year = ((Number) r[1]).intValue();
            String status = (String) r[5];
            if (years.contains(year)) {
                compliance.computeIfAbsent(uscc, k -> new HashMap<>()).put(year, new Compliance(
                        ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), status));
            } else if (year < firstYear && (((Number) r[6]).longValue() > 0 || "OVERDUE".equals(status)
                    || "COMPLIANT_LATE".equals(status))) {
                pastShortfalls.merge(uscc, 1, Integer::sum);
            }
        }
        Map<String, Map<Integer, Long>> offsets = new HashMap<>();
        for (Object[] r : rows("select uscc, compliance_year, sum(quantity_t) from offset_confirmation where uscc in (:u) "
                + "group by uscc, compliance_year", usccs)) {
            offsets.computeIfAbsent((String) r[0], k -> new HashMap<>())
                    .put(((Number) r[1]).intValue(), ((Number) r[2]).longValue());
        }
        Map<String, List<EntityInputs.Balance>> holdings = new HashMap<>();
        for (Object[] r : rows("select uscc, vintage, free_t, restricted_t, custody_t from holding_balance "
                + "where uscc in (:u) order by vintage", usccs)) {
            holdings.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new EntityInputs.Balance((String) r[1],
                    ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).longValue()));
        }
        Map<String, List<EntityInputs.WeekNet>> weeks = new HashMap<>();
        LocalDate from = weeksFrom == null ? rb.netPurchaseFeed().firstDay().minusDays(1) : weeksFrom;
        LocalDate to = weeksTo == null ? rb.netPurchaseFeed().lastDay() : weeksTo;
        @SuppressWarnings("unchecked")
        List<Object[]> weekRows = em.createNativeQuery("select uscc, week_start, week_end, net_t from current_net_purchase "
                        + "where uscc in (:u) and week_end > :from and week_end <= :to order by week_start")
                .setParameter("u", usccs).setParameter("from", from).setParameter("to", to).getResultList();
        for (Object[] r : weekRows) {
            weeks.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new EntityInputs.WeekNet(
                    date(r[1]), date(r[2]), ((Number) r[3]).longValue()));
        }

        Map<String, EntityInputs> result = new LinkedHashMap<>();
        for (String uscc : usccs) {
            Entity entity = entities.get(uscc);
            if (entity == null) {
                continue;
            }
            Map<Integer, EntityInputs.Year> ys = new HashMap<>();
            Map<Integer, long[]> obs = obligations.getOrDefault(uscc, Map.of());
            Map<Integer, Compliance> cs = compliance.getOrDefault(uscc, Map.of());
            for (int year : years) {
                long[] ob = obs.get(year);
                Compliance c = cs.get(year);
                if (ob == null && c == null) {
                    continue;
                }
                long obligationT = ob != null ? ob[0] : c.obligationT();
                boolean exempt = ob != null && ob[1] == 1;
                ys.put(year, new EntityInputs.Year(obligationT, exempt, c == null ? null : c.remainingT(),
                        c == null ? null : c.status(), offsets.getOrDefault(uscc, Map.of()).getOrDefault(year, 0L),
                        c == null ? 0 : c.offsetT()));
            }
            result.put(uscc, new EntityInputs(uscc, entity.province(), entity.status(), ys,
                    holdings.getOrDefault(uscc, List.of()), weeks.getOrDefault(uscc, List.of()),
                    pastShortfalls.getOrDefault(uscc, 0)));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, List<String> usccs) {
        return em.createNativeQuery(sql).setParameter("u", usccs).getResultList();
    }

    private static LocalDate date(Object o) {
        if (o instanceof LocalDate d) {
            return d;
        }
        return ((Date) o).toLocalDate();
    }
}
