package cn.carbon.risk.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.risk.index.RiskIndex;
import cn.carbon.risk.rulebook.RiskRulebook;
import cn.carbon.risk.rulebook.RiskRulebooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An entity's risk index per compliance year of a cycle (the cycle in force, or {@code ?cycle=}): value, level, every
 * factor with its weight, and the history.
 */
@Path("/api/risk")
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {

    private final Caller caller;
    private final EntityManager em;
    private final RiskRulebooks rulebooks;
    private final RiskIndex index;
    private final ObjectMapper json;

    public RiskResource(Caller caller, EntityManager em, RiskRulebooks rulebooks, RiskIndex index, ObjectMapper json) {
        this.caller = caller;
        this.em = em;
        this.rulebooks = rulebooks;
        this.index = index;
        this.json = json;
    }

    public record Value(int index, String level, LocalDate asOf, Instant computedAt, String trigger, long gapT,
                        long cycleGapT, String override, JsonNode factors) {
    }

    public record YearView(int complianceYear, int index, String level, LocalDate asOf, Instant computedAt, long gapT,
                           long cycleGapT, String override, JsonNode factors, String rulebookId, int rulebookVersion,
                           List<Value> history) {
    }

    /** The headline (index, level, asOf, factors) is the riskiest year; {@code years} has each year in full. */
    public record EntityRiskView(String uscc, String name, String provinceCode, String entityStatus, String cycle,
                                 Integer index, String level, Integer complianceYear, LocalDate asOf, JsonNode factors,
                                 List<Value> history, Map<String, Double> weights, List<YearView> years) {
    }

    @GET
    @Path("/entities/{uscc}")
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.ENTITY, Role.REGISTRY, Role.MINISTRY, Role.EXCHANGE})
    public EntityRiskView entity(@PathParam("uscc") String uscc, @QueryParam("cycle") String cycle,
                                 @QueryParam("history") @DefaultValue("20") int historySize) {
        KnownEntity e = KnownEntity.findById(uscc);
        if (!caller.is(Role.EXCHANGE)) {
            caller.requireVisible(uscc, e == null ? null : e.provinceCode, "entity " + uscc);
        }
        if (e == null) {
            throw ProblemException.notFound("entity " + uscc);
        }
        // a given cycle's risk (404 for a cycle without a rulebook here), by default the cycle in force
        RiskRulebook rb = cycle != null && !cycle.isBlank() ? rulebooks.cycle(cycle) : rulebooks.current();
        if (historySize < 0 || historySize > 500) {
            throw ProblemException.invalid("history", "must be between 0 and 500");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> states = em.createNativeQuery("""
                        select s.compliance_year, s.risk_index, s.level, s.as_of, s.computed_at, s.gap_t, s.cycle_gap_t,
                               v.override, cast(v.factors as text), v.rulebook_id, v.rulebook_version
                        from risk_state s join risk_value v on v.id = s.value_id
                        where s.uscc = ?1 and s.cycle = ?2 order by s.compliance_year""")
                .setParameter(1, uscc).setParameter(2, rb.cycle()).getResultList();
        List<YearView> years = new ArrayList<>();
        for (Object[] s : states) {
            int year = ((Number) s[0]).intValue();
            years.add(new YearView(year, ((Number) s[1]).intValue(), (String) s[2],
                    NetPurchaseFeedResource.date(s[3]), NetPurchaseFeedResource.instant(s[4]), ((Number) s[5]).longValue(),
                    ((Number) s[6]).longValue(), (String) s[7], tree((String) s[8]), (String) s[9],
                    ((Number) s[10]).intValue(), history(uscc, year, historySize)));
        }
        YearView top = years.stream().max(Comparator.comparingInt(YearView::index)
                .thenComparing(YearView::complianceYear, Comparator.reverseOrder())).orElse(null);
        return new EntityRiskView(uscc, e.name, e.provinceCode, e.status, rb.cycle(),
                top == null ? null : top.index(), top == null ? null : top.level(),
                top == null ? null : top.complianceYear(), top == null ? null : top.asOf(),
                top == null ? null : top.factors(), top == null ? List.of() : top.history(), index.weights(), years);
    }

    private List<Value> history(String uscc, int year, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select risk_index, level, as_of, computed_at, trigger, gap_t, cycle_gap_t, override, cast(factors as text)
                        from risk_value where uscc = ?1 and compliance_year = ?2 order by id desc limit ?3""")
                .setParameter(1, uscc).setParameter(2, year).setParameter(3, size).getResultList();
        return rows.stream().map(r -> new Value(((Number) r[0]).intValue(), (String) r[1],
                NetPurchaseFeedResource.date(r[2]), NetPurchaseFeedResource.instant(r[3]), (String) r[4],
                ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), (String) r[7], tree((String) r[8]))).toList();
    }

    private JsonNode tree(String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
