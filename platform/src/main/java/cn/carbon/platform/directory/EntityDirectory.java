package cn.carbon.platform.directory;

import cn.carbon.contracts.EntityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Hibernate;

import java.time.Instant;

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

    /** Records the entity as the event describes it; in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(EntityEvent e) {
        if (e.uscc() == null || e.provinceCode() == null || e.name() == null || e.status() == null) {
            throw new IllegalArgumentException("entity event lacks uscc, name, provinceCode or status");
        }
        KnownEntity.getEntityManager().createNativeQuery("insert into entity_directory (uscc, name, province_code, status, "
                        + "updated_at) values (?1, ?2, ?3, ?4, ?5) on conflict (uscc) do update set name = excluded.name, "
                        + "province_code = excluded.province_code, status = excluded.status, updated_at = excluded.updated_at")
                .setParameter(1, e.uscc()).setParameter(2, e.name()).setParameter(3, e.provinceCode())
                .setParameter(4, e.status()).setParameter(5, Instant.now()).executeUpdate();
        refreshIfLoaded(e.uscc());
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
