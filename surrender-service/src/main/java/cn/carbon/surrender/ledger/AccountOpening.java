package cn.carbon.surrender.ledger;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.platform.directory.EntityDirectory;
import cn.carbon.platform.directory.KnownEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Keeps the directory of entities and opens, once per entity, its holding account and the provincial custody
 * account held for it (notice §一: special-situation allowances are issued into custody).
 */
@ApplicationScoped
public class AccountOpening {

    private final EntityDirectory directory;

    public AccountOpening(EntityDirectory directory) {
        this.directory = directory;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onEntity(EntityEvent e) {
        KnownEntity known = directory.record(e);
        open(Account.Kind.ENTITY_HOLDING, known);
        open(Account.Kind.PROVINCIAL_CUSTODY, known);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void ensureKnown(String uscc, String provinceCode) {
        directory.announce(uscc, provinceCode).ifPresent(known -> {
            open(Account.Kind.ENTITY_HOLDING, known);
            open(Account.Kind.PROVINCIAL_CUSTODY, known);
        });
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
