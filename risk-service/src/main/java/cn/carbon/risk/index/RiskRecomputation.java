package cn.carbon.risk.index;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.platform.messaging.Inbox;
import cn.carbon.platform.messaging.TransactionEffect;
import cn.carbon.risk.alerts.AlertPublisher;
import cn.carbon.risk.alerts.AlertRule;
import cn.carbon.risk.rulebook.RiskRulebook;
import cn.carbon.risk.rulebook.RiskRulebooks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Recomputes the index of entities inside the caller's transaction (the event or feed that changed an input), stores
 * every new value with its factors, and raises an alert on a rise to HIGH or CRITICAL.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RiskRecomputation {

    private final EntityManager em;
    private final RiskInputsRepository inputs;
    private final RiskIndex index;
    private final RiskClock clock;
    private final RiskRulebooks rulebooks;
    private final RiskSettings settings;
    private final AlertPublisher alerts;
    private final ObjectMapper json;

    public RiskRecomputation(EntityManager em, RiskInputsRepository inputs, RiskIndex index, RiskClock clock,
                             RiskRulebooks rulebooks, RiskSettings settings, AlertPublisher alerts, ObjectMapper json) {
        this.em = em;
        this.inputs = inputs;
        this.index = index;
        this.clock = clock;
        this.rulebooks = rulebooks;
        this.settings = settings;
        this.alerts = alerts;
        this.json = json;
    }

    public int recompute(String uscc, String trigger) {
        return recompute(List.of(uscc), trigger);
    }

    /**
     * The effect of a consumer whose events each write one entity's input ({@code input} returns its USCC, or null):
     * every entity the transaction's events touched is recomputed once, before the commit, with the type of the last
     * event that touched it as the trigger. A poll of 200 registrations costs one load, not 200. Asked for outside
     * the transaction (the effect runs inside the Inbox's).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Supplier<TransactionEffect> onceEach(Function<EventEnvelope, String> input) {
        return () -> new TransactionEffect() {
            private final Map<String, String> touched = new LinkedHashMap<>();

            @Override
            public void apply(EventEnvelope event) {
                String uscc = input.apply(event);
                if (uscc != null) {
                    touched.put(uscc, event.type());
                }
            }

            @Override
            public void beforeCommit() {
                recompute(touched);
            }
        };
    }

    /**
     * Serialises the transactions of one entity (until commit): taken before an input is written and before a
     * recomputation reads, so that the last value stored has seen every input committed before it. Without it, two
     * inputs of one entity arriving on two topics at once would each be recomputed without the other.
     */
    public void lock(Collection<String> usccs) {
        Inbox.lockSubjects(em, usccs);
    }

    /**
     * The entity an input event writes, locked before its input is: the Inbox has locked the event's subject (the
     * entity's USCC on every input topic), so only an event naming another entity costs a statement here.
     *
     * @throws IllegalArgumentException when the event names no entity (the consumer's DLQ takes it)
     */
    public String lockedEntity(EventEnvelope event, String uscc) {
        if (uscc == null) {
            throw new IllegalArgumentException("event without uscc");
        }
        if (!uscc.equals(event.subject())) {
            lock(List.of(uscc));
        }
        return uscc;
    }

    /** @return how many new values were stored (an unchanged value is not stored again) */
    public int recompute(Collection<String> usccs, String trigger) {
        Map<String, String> triggers = new LinkedHashMap<>();
        usccs.forEach(u -> triggers.put(u, trigger));
        return recompute(triggers);
    }

    /** @param triggers each entity to recompute, with what asked for it */
    public int recompute(Map<String, String> triggers) {
        if (triggers.isEmpty()) {
            return 0;
        }
        lock(triggers.keySet());
        LocalDate today = clock.today();
        RiskRulebook rb = rulebooks.current(); // the cycle in force today
        // the pace window plus one week, so that a week ending inside the window is always loaded
        LocalDate from = today.minusDays(7L * (settings.pace().windowWeeks() + 1));
        Map<String, EntityInputs> all = inputs.load(triggers.keySet(), from, today, rb);
        em.flush();
        int stored = 0;
        for (EntityInputs in : all.values()) {
            for (RiskAssessment a : index.assessAll(in, today, rb)) {
                if (store(a, in.provinceCode(), triggers.get(in.uscc()), rb)) {
                    stored++;
                }
            }
        }
        return stored;
    }

    private boolean store(RiskAssessment a, String provinceCode, String trigger, RiskRulebook rb) {
        String factors = write(a.factors());
        @SuppressWarnings("unchecked")
        List<Object[]> current = em.createNativeQuery("""
                        select s.risk_index, s.level, s.value_id, (v.factors = cast(?3 as jsonb)) and s.as_of = ?4
                               and coalesce(v.override, '') = ?5
                        from risk_state s join risk_value v on v.id = s.value_id
                        where s.uscc = ?1 and s.compliance_year = ?2 for update of s""")
                .setParameter(1, a.uscc()).setParameter(2, a.complianceYear()).setParameter(3, factors)
                .setParameter(4, a.asOf()).setParameter(5, a.override() == null ? "" : a.override())
                .getResultList();
        RiskLevel previous = RiskLevel.LOW;
        if (!current.isEmpty()) {
            Object[] row = current.get(0);
            previous = RiskLevel.valueOf((String) row[1]);
            if (((Number) row[0]).intValue() == a.index() && previous == a.level() && Boolean.TRUE.equals(row[3])) {
                em.createNativeQuery("update risk_state set computed_at = now() where uscc = ?1 and compliance_year = ?2")
                        .setParameter(1, a.uscc()).setParameter(2, a.complianceYear()).executeUpdate();
                return false;
            }
        }
        long valueId = ((Number) em.createNativeQuery("""
                        insert into risk_value (uscc, province_code, cycle, compliance_year, risk_index, level, as_of, trigger,
                                                gap_t, cycle_gap_t, factors, override, rulebook_id, rulebook_version)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, cast(?11 as jsonb), ?12, ?13, ?14) returning id""")
                .setParameter(1, a.uscc()).setParameter(2, provinceCode).setParameter(3, rb.cycle())
                .setParameter(4, a.complianceYear()).setParameter(5, a.index()).setParameter(6, a.level().name())
                .setParameter(7, a.asOf()).setParameter(8, trigger).setParameter(9, a.gapT())
                .setParameter(10, a.cycleGapT()).setParameter(11, factors).setParameter(12, a.override())
                .setParameter(13, rb.rulebookId()).setParameter(14, rb.version())
                .getSingleResult()).longValue();
        em.createNativeQuery("""
                        insert into risk_state (uscc, compliance_year, cycle, province_code, risk_index, level, gap_t, cycle_gap_t,
                                                as_of, computed_at, value_id)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, now(), ?10)
                        on conflict (uscc, compliance_year) do update set cycle = excluded.cycle,
                            province_code = excluded.province_code, risk_index = excluded.risk_index, level = excluded.level,
                            gap_t = excluded.gap_t, cycle_gap_t = excluded.cycle_gap_t, as_of = excluded.as_of,
                            computed_at = now(), value_id = excluded.value_id""")
                .setParameter(1, a.uscc()).setParameter(2, a.complianceYear()).setParameter(3, rb.cycle())
                .setParameter(4, provinceCode).setParameter(5, a.index()).setParameter(6, a.level().name())
                .setParameter(7, a.gapT()).setParameter(8, a.cycleGapT()).setParameter(9, a.asOf())
                .setParameter(10, valueId).executeUpdate();
        if (AlertRule.raises(previous, a.level())) {
            alerts.raise(a, provinceCode, rb.cycle(), previous, valueId);
        }
        return true;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
