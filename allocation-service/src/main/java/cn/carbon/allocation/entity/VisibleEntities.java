package cn.carbon.allocation.entity;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** The entity {@code uscc} if the caller may see it; otherwise 404, exactly as if it did not exist. */
@ApplicationScoped
public class VisibleEntities {

    private final EntityRepository entities;
    private final Caller caller;

    public VisibleEntities(EntityRepository entities, Caller caller) {
        this.entities = entities;
        this.caller = caller;
    }

    public KeyEmittingEntity get(String uscc) {
        KeyEmittingEntity e = uscc == null ? null : entities.findById(uscc);
        caller.requireVisible(uscc, e == null ? null : e.provinceCode, "entity " + uscc);
        if (e == null) {
            throw ProblemException.notFound("entity " + uscc);
        }
        return e;
    }
}
