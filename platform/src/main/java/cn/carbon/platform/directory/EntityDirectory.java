package cn.carbon.platform.directory;

import cn.carbon.contracts.EntityEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Hibernate;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way a service writes its copy of the entity directory: from carbon.entities.v1 (complete), or from another
 * topic's event that names an entity before its registration arrived (events of different topics are not ordered
 * among themselves), which the registration completes later. Both are single upserts: the two consumers may meet on
 * the same new entity at once, and a check-then-insert would refuse the registration as a duplicate key (and
 * dead-letter it, leaving the entity known by its USCC alone).
 */
@ApplicationScoped
public class EntityDirectory {

    /** Status of an entity known only from another topic's event, until its registration arrives. */
    public static final String ANNOUNCED = "ANNOUNCED";

    private final ObjectMapper json;

    public EntityDirectory(ObjectMapper json) {
        this.json = json;
    }

    /** Records the entity as the event describes it; in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(EntityEvent e) {
        recordAll(List.of(e));
    }

    /**
     * Records the entities as the events describe them (a consumer's batch), in one statement: of two events of one
     * entity the later wins, as it would have one event per transaction.
     *
     * @throws IllegalArgumentException naming the entity, when an event lacks a field; nothing is written then
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(Collection<EntityEvent> events) {
        Map<String, EntityEvent> last = new LinkedHashMap<>();
        for (EntityEvent e : events) {
            if (e.uscc() == null || e.provinceCode() == null || e.name() == null || e.status() == null) {
                throw new IllegalArgumentException("entity event lacks uscc, name, provinceCode or status"
                        + (e.uscc() == null ? "" : " (entity " + e.uscc() + ")"));
            }
            last.put(e.uscc(), e);
        }
        if (last.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        last.values().forEach(e -> rows.addObject().put("uscc", e.uscc()).put("name", e.name())
                .put("province_code", e.provinceCode()).put("status", e.status()));
        KnownEntity.getEntityManager().createNativeQuery("insert into entity_directory (uscc, name, province_code, status, "
                        + "updated_at) select x.uscc, x.name, x.province_code, x.status, ?2 from jsonb_to_recordset(cast(?1 as jsonb)) "
                        + "as x(uscc text, name text, province_code text, status text) on conflict (uscc) do update set "
                        + "name = excluded.name, province_code = excluded.province_code, status = excluded.status, "
                        + "updated_at = excluded.updated_at")
                .setParameter(1, rows.toString()).setParameter(2, Instant.now()).executeUpdate();
        last.keySet().forEach(EntityDirectory::refreshIfLoaded);
    }

    /**
     * Records an entity named by another topic's event, if not known yet (name = its USCC, status ANNOUNCED).
     *
     * @return whether it was new here
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean announce(String uscc, String provinceCode) {
        if (uscc == null || provinceCode == null) {
            throw new IllegalArgumentException("event for an unknown entity lacks uscc or provinceCode");
        }
        int inserted = KnownEntity.getEntityManager().createNativeQuery("insert into entity_directory (uscc, name, "
                        + "province_code, status, updated_at) values (?1, ?1, ?2, ?3, ?4) on conflict (uscc) do nothing")
                .setParameter(1, uscc).setParameter(2, provinceCode).setParameter(3, ANNOUNCED)
                .setParameter(4, Instant.now()).executeUpdate();
        return inserted > 0;
    }

    /**
     * A copy this transaction loaded before the upsert would hide the new row from its later reads: refresh it. The
     * reference costs no query when nothing is loaded (the usual case: the inbox clears the context before each event).
     */
    private static void refreshIfLoaded(String uscc) {
        EntityManager em = KnownEntity.getEntityManager();
        KnownEntity loaded = em.getReference(KnownEntity.class, uscc);
        if (Hibernate.isInitialized(loaded)) {
            em.refresh(loaded);
        } else {
            em.detach(loaded);
        }
    }
}
