package cn.carbon.platform.directory;

import cn.carbon.contracts.EntityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * The one way a service writes its copy of the entity directory: from carbon.entities.v1 (complete), or from another
 * topic's event that names an entity before its registration arrived (events of different topics are not ordered
 * among themselves), which the registration completes later.
 */
@ApplicationScoped
public class EntityDirectory {

    /** Status of an entity known only from another topic's event, until its registration arrives. */
    public static final String ANNOUNCED = "ANNOUNCED";

    /** Records the entity as the event describes it; in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public KnownEntity record(EntityEvent e) {
        if (e.uscc() == null || e.provinceCode() == null || e.name() == null || e.status() == null) {
            throw new IllegalArgumentException("entity event lacks uscc, name, provinceCode or status");
        }
        KnownEntity known = KnownEntity.findById(e.uscc());
        if (known == null) {
            known = new KnownEntity();
            known.uscc = e.uscc();
        }
        known.name = e.name();
        known.provinceCode = e.provinceCode();
        known.status = e.status();
        known.updatedAt = Instant.now();
        known.persist();
        return known;
    }

    /**
     * Records an entity named by another topic's event, if not known yet (name = its USCC, status ANNOUNCED).
     *
     * @return the new record, or empty when the entity was known already
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<KnownEntity> announce(String uscc, String provinceCode) {
        if (KnownEntity.findById(uscc) != null) {
            return Optional.empty();
        }
        if (uscc == null || provinceCode == null) {
            throw new IllegalArgumentException("event for an unknown entity lacks uscc or provinceCode");
        }
        KnownEntity known = new KnownEntity();
        known.uscc = uscc;
        known.name = uscc;
        known.provinceCode = provinceCode;
        known.status = ANNOUNCED;
        known.updatedAt = Instant.now();
        known.persist();
        KnownEntity.flush();
        return Optional.of(known);
    }
}
