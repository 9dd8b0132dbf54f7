package cn.carbon.surrender.ledger;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.platform.directory.EntityDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the directory of entities and opens, once per entity, its holding account and the provincial custody
 * account held for it (notice §一: special-situation allowances are issued into custody).
 */
@ApplicationScoped
public class AccountOpening {

    private final EntityDirectory directory;
    private final ObjectMapper json;

    public AccountOpening(EntityDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onEntity(EntityEvent e) {
        onEntities(List.of(e));
    }

    /** A batch of registrations: the directory and the accounts in one statement each; the later event of an entity wins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onEntities(Collection<EntityEvent> events) {
        directory.recordAll(events);
        Map<String, String> provinces = new LinkedHashMap<>();
        events.forEach(e -> provinces.put(e.uscc(), e.provinceCode()));
        open(provinces);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void ensureKnown(String uscc, String provinceCode) {
        if (directory.announce(uscc, provinceCode)) {
            open(Map.of(uscc, provinceCode));
        }
    }

    /**
     * Both accounts of each entity in one upsert: each is opened once (an existing account keeps its id and opening
     * time), and follows the entity to another province when a registration moves it.
     */
    private void open(Map<String, String> provinceByUscc) {
        if (provinceByUscc.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        provinceByUscc.forEach((uscc, province) -> rows.addObject().put("uscc", uscc).put("province_code", province));
        Account.getEntityManager().createNativeQuery("""
                        insert into account (kind, uscc, province_code, opened_at)
                        select k.kind, x.uscc, x.province_code, ?4
                        from jsonb_to_recordset(cast(?1 as jsonb)) as x(uscc text, province_code text)
                        cross join (values (?2), (?3)) as k(kind)
                        on conflict (kind, uscc) do update set province_code = excluded.province_code
                        where account.province_code is distinct from excluded.province_code""")
                .setParameter(1, rows.toString())
                .setParameter(2, Account.Kind.ENTITY_HOLDING.name())
                .setParameter(3, Account.Kind.PROVINCIAL_CUSTODY.name())
                .setParameter(4, Instant.now())
                .executeUpdate();
    }
}
