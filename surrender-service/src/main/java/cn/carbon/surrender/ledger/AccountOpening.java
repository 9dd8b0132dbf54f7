package cn.carbon.surrender.ledger;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.surrender.directory.KnownEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Keeps the directory of entities and opens, once per entity, its holding account and the provincial custody
 * account held for it (notice §一: special-situation allowances are issued into custody).
 */
@ApplicationScoped
public class AccountOpening {

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
        open(Account.Kind.ENTITY_HOLDING, known);
        open(Account.Kind.PROVINCIAL_CUSTODY, known);
    }

    /**
     * Events of different topics are not ordered among themselves: an allocation, obligation, borrowing or offset event
     * may arrive before the entity's registration. Its USCC and province are enough to open the accounts; the
     * registration, when it comes, completes the name and status.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ensureKnown(String uscc, String provinceCode) {
        if (KnownEntity.findById(uscc) != null) {
            return;
        }
        if (uscc == null || provinceCode == null) {
            throw new IllegalArgumentException("event for an unknown entity lacks uscc or provinceCode");
        }
        KnownEntity known = new KnownEntity();
        known.uscc = uscc;
        known.name = uscc;
        known.provinceCode = provinceCode;
        known.status = "ANNOUNCED";
        known.updatedAt = Instant.now();
        known.persist();
        open(Account.Kind.ENTITY_HOLDING, known);
        open(Account.Kind.PROVINCIAL_CUSTODY, known);
        KnownEntity.flush();
    }

    private static void open(Account.Kind kind, KnownEntity entity) {
        Account account = Account.of(kind, entity.uscc).orElseGet(Account::new);
        account.kind = kind;
        account.uscc = entity.uscc;
        account.provinceCode = entity.provinceCode;
        if (account.openedAt == null) {
            account.openedAt = Instant.now();
        }
        account.persist();
    }
}
