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
