package cn.carbon.offset.directory;

import cn.carbon.contracts.EntityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Keeps this service's copy of the entity directory (carbon.entities.v1). */
@ApplicationScoped
public class EntityDirectory {

    @Transactional(Transactional.TxType.MANDATORY)
    public void onEntity(EntityEvent e) {
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
    }
}
