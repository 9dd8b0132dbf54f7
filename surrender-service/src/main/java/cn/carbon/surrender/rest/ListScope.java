package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;

import java.util.List;

/**
 * Whose orders or requests a list may show: an entity its own whatever it asks for; a province officer its own
 * province (another one's is 404, as {@link Caller#provinceFilter}); the national roles the province asked for, or all.
 */
record ListScope(String provinceCode, String uscc) {

    static ListScope of(Caller caller, String province) {
        if (caller.is(Role.ENTITY) && !caller.isNational() && !caller.is(Role.PROVINCE)) {
            return new ListScope(null, caller.entityId().orElseThrow(() -> ProblemException.notFound("entity")));
        }
        return new ListScope(caller.provinceFilter(province == null || province.isBlank() ? null : province), null);
    }

    /** The status asked for, one of {@code allowed}, or null for any; another value is a 400 naming {@code status}. */
    static String status(String status, List<String> allowed) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (!allowed.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + allowed);
        }
        return status;
    }
}
