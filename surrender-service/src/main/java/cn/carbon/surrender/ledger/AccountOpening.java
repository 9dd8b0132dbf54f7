package cn.carbon.surrender.ledger;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.platform.directory.EntityDirectory;
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
        directory.record(e);
        open(e.uscc(), e.provinceCode());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void ensureKnown(String uscc, String provinceCode) {
        if (directory.announce(uscc, provinceCode)) {
            open(uscc, provinceCode);
        }
    }

    /**
     * Both accounts in one upsert: each is opened once (an existing account keeps its id and opening time), and follows
     * the entity to another province when a registration moves it.
     */
    private static void open(String uscc, String provinceCode) {
        Account.getEntityManager().createNativeQuery("""
                        insert into account (kind, uscc, province_code, opened_at)
                        values (?1, ?3, ?4, ?5), (?2, ?3, ?4, ?5)
                        on conflict (kind, uscc) do update set province_code = excluded.province_code
                        where account.province_code is distinct from excluded.province_code""")
                .setParameter(1, Account.Kind.ENTITY_HOLDING.name())
                .setParameter(2, Account.Kind.PROVINCIAL_CUSTODY.name())
                .setParameter(3, uscc).setParameter(4, provinceCode).setParameter(5, Instant.now())
                .executeUpdate();
    }
}
