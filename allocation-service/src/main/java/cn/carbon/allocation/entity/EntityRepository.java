package cn.carbon.allocation.entity;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class EntityRepository implements PanacheRepositoryBase<KeyEmittingEntity, String> {

    /** Entities of one province (or all for null), optionally of one status, in USCC order. */
    public PanacheQuery<KeyEmittingEntity> list(String provinceCode, EntityStatus status) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (provinceCode != null) {
            where.append(" and provinceCode = :province");
            params.and("province", provinceCode);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        return find(where.toString(), Sort.by("uscc"), params);
    }
}
