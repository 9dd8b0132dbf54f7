package cn.carbon.risk.alerts;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.RiskAlertEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.risk.index.RiskAssessment;
import cn.carbon.risk.index.RiskLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Stores an alert and publishes it on carbon.risk-alerts.v1 through the outbox, in the transaction of the value that
 * raised it; the live stream gets it after that transaction commits.
 */
@ApplicationScoped
public class AlertPublisher {

    public static final String SOURCE = "risk-service";

    private final EntityManager em;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Event<AlertView> raised;

    public AlertPublisher(EntityManager em, Outbox outbox, ObjectMapper json, Event<AlertView> raised) {
        this.em = em;
        this.outbox = outbox;
        this.json = json;
        this.raised = raised;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AlertView raise(RiskAssessment a, String provinceCode, String cycle, RiskLevel previous, long valueId) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AlertView view = new AlertView(id, a.uscc(), provinceCode, cycle, a.complianceYear(), a.index(), a.level().name(),
                previous.name(), a.scores(), now);
        em.createNativeQuery("""
                        insert into risk_alert (alert_id, uscc, province_code, cycle, compliance_year, risk_index, level,
                                                previous_level, factors, raised_at, value_id)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as jsonb), ?10, ?11)""")
                .setParameter(1, id).setParameter(2, a.uscc()).setParameter(3, provinceCode).setParameter(4, cycle)
                .setParameter(5, a.complianceYear()).setParameter(6, a.index()).setParameter(7, a.level().name())
                .setParameter(8, previous.name()).setParameter(9, write(a.scores())).setParameter(10, now)
                .setParameter(11, valueId).executeUpdate();
        RiskAlertEvent event = new RiskAlertEvent(id.toString(), a.uscc(), provinceCode, cycle, a.complianceYear(),
                a.index(), a.level().name(), previous.name(), a.scores(), now);
        outbox.publish(Topics.RISK_ALERTS, EventEnvelope.of(RiskAlertEvent.RAISED, SOURCE, a.uscc(), cycle,
                json.valueToTree(event)));
        raised.fire(view);
        return view;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
