package cn.carbon.surrender.forced;

import io.quarkus.runtime.annotations.RegisterForReflection;
import cn.carbon.platform.security.FourEyes;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.YearPosition;
import cn.carbon.surrender.ledger.Account;
import cn.carbon.surrender.ledger.Movement;
import cn.carbon.surrender.ledger.Posted;
import cn.carbon.surrender.ledger.Problems;
import cn.carbon.surrender.ledger.Sql;
import cn.carbon.surrender.rulebook.Rulebooks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Notice §一, two parties: the province entrusts the registry with an entity's forced surrender for a cycle; the
 * registry executes it ({@link ForcedSurrenders}) once, and the result is kept with the order.
 */
@ApplicationScoped
public class ForcedSurrenderOrders {

    private final EntityManager em;
    private final ForcedSurrenders forced;
    private final Rulebooks rulebooks;
    private final ObjectMapper json;
    private final Clock clock;

    public ForcedSurrenderOrders(EntityManager em, ForcedSurrenders forced, Rulebooks rulebooks, ObjectMapper json,
                                 Clock clock) {
        this.em = em;
        this.forced = forced;
        this.rulebooks = rulebooks;
        this.json = json;
        this.clock = clock;
    }

    /** @param fromAccount CUSTODY (held for the entity) or HOLDING (its own account, drawn on only while frozen) */
    @RegisterForReflection // stored as JSON with the ObjectMapper and read back
    public record Take(String vintage, long quantityT, ForcedSurrenderPlan.Source fromAccount) {
    }

    @RegisterForReflection // stored as JSON with the ObjectMapper and read back
    public record YearResult(int complianceYear, List<Take> lines, long surrenderedT, long remainingT, long shortfallT) {
    }

    public record Order(UUID id, String uscc, String provinceCode, String cycle, String status, String entrustedBy,
                        Instant entrustedAt, String executedBy, Instant executedAt, List<YearResult> years,
                        List<Take> released) {
    }

    @RegisterForReflection // stored as JSON with the ObjectMapper and read back
    record Result(List<YearResult> years, List<Take> released) {
    }

    public Order entrust(String uscc, String cycle, String by) {
        rulebooks.forCycle(cycle).orElseThrow(() -> ProblemException.invalid("cycle", "no rulebook for cycle " + cycle));
        @SuppressWarnings("unchecked")
        List<Object> open = em.createNativeQuery("select id from forced_surrender where uscc = ?1 and cycle = ?2 "
                + "and status = 'ENTRUSTED'").setParameter(1, uscc).setParameter(2, cycle).getResultList();
        if (!open.isEmpty()) {
            throw Problems.conflict("already-entrusted", "Already entrusted", "uscc",
                    "forced surrender of " + uscc + " for " + cycle + " is already entrusted (" + open.get(0) + ")");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into forced_surrender (id, uscc, cycle, status, entrusted_by, entrusted_at) "
                        + "values (?1, ?2, ?3, 'ENTRUSTED', ?4, ?5)")
                .setParameter(1, id).setParameter(2, uscc).setParameter(3, cycle).setParameter(4, by)
                .setParameter(5, Sql.at(clock.instant())).executeUpdate();
        return get(id, false).orElseThrow();
    }

    /** Executes an entrusted order once; executing it again answers the same result. */
    public Order execute(UUID id, String by) {
        Order order = get(id, true).orElseThrow(() -> ProblemException.notFound("forced surrender " + id));
        if ("EXECUTED".equals(order.status())) {
            return order;
        }
        FourEyes.require(by, "forced surrender " + id, order.entrustedBy());
        ForcedSurrenders.Outcome outcome = forced.execute("forced:" + id, order.uscc(), order.cycle(), by);
        List<YearResult> years = new ArrayList<>();
        outcome.surrendered().forEach((year, posted) -> {
            YearPosition p = outcome.positions().get(year);
            years.add(new YearResult(year, takes(posted), posted.total(), p.remainingT(), outcome.shortfallT(year)));
        });
        String result;
        try {
            result = json.writeValueAsString(new Result(years, takes(outcome.released())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("update forced_surrender set status = 'EXECUTED', executed_by = ?2, executed_at = ?3, result = ?4 "
                        + "where id = ?1")
                .setParameter(1, id).setParameter(2, by).setParameter(3, Sql.at(clock.instant())).setParameter(4, result)
                .executeUpdate();
        return get(id, false).orElseThrow();
    }

    private static List<Take> takes(Posted posted) {
        return posted.movements().stream().map((Movement m) -> new Take(m.vintage(), m.quantityT(),
                m.from().kind() == Account.Kind.ENTITY_HOLDING ? ForcedSurrenderPlan.Source.HOLDING
                        : ForcedSurrenderPlan.Source.CUSTODY)).toList();
    }

    public Optional<Order> get(UUID id, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + "where f.id = ?1" + (lock ? " for update of f" : ""))
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(this::order);
    }

    /**
     * A page of the orders, newest entrustment first, of one province and/or one entity (null: any) and in one status
     * (ENTRUSTED or EXECUTED, null: both).
     */
    public Page<Order> list(String provinceCode, String uscc, String status, int page, int size) {
        String where = "where (cast(?1 as text) is null or e.province_code = ?1) and (cast(?2 as text) is null or f.uscc = ?2) "
                + "and (cast(?3 as text) is null or f.status = ?3) ";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + where + "order by f.entrusted_at desc, f.id")
                .setParameter(1, provinceCode).setParameter(2, uscc).setParameter(3, status)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from forced_surrender f "
                        + "join entity_directory e on e.uscc = f.uscc " + where)
                .setParameter(1, provinceCode).setParameter(2, uscc).setParameter(3, status).getSingleResult()).longValue();
        return new Page<>(rows.stream().map(this::order).toList(), page, size, total);
    }

    private static final String SELECT = "select f.id, f.uscc, e.province_code, f.cycle, f.status, f.entrusted_by, "
            + "f.entrusted_at, f.executed_by, f.executed_at, f.result from forced_surrender f "
            + "join entity_directory e on e.uscc = f.uscc ";

    private Order order(Object[] r) {
        Result result = null;
        if (r[9] != null) {
            try {
                result = json.readValue((String) r[9], Result.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("forced surrender " + r[0] + " result unreadable", e);
            }
        }
        return new Order((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                Sql.instant(r[6]), (String) r[7], Sql.instant(r[8]), result == null ? List.of() : result.years(),
                result == null ? List.of() : result.released());
    }
}
