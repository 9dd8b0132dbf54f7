package cn.carbon.platform.audit;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.web.RequestIdFilter;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Set;
import java.util.TreeSet;

/**
 * Appends every state-changing request (POST, PUT, PATCH, DELETE), accepted or refused, to the audit trail with the
 * caller, roles, scope, request id and result.
 */
public class AuditFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    AuditTrail trail;
    @Inject
    SecurityIdentity identity;
    @Inject
    Caller caller;
    @Inject
    Vertx vertx;

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        if (!COMMANDS.contains(request.getMethod())) {
            return;
        }
        String scope = caller.provinceCode().map(p -> "province_code=" + p)
                .or(() -> caller.entityId().map(e -> "entity_id=" + e)).orElse("national");
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String key = request.getHeaderString("Idempotency-Key");
        AuditTrail.Entry entry = new AuditTrail.Entry(caller.name(), String.join(",", new TreeSet<>(identity.getRoles())),
                scope, (String) request.getProperty(RequestIdFilter.MDC_KEY), request.getMethod(),
                request.getUriInfo().getPath() + (query == null ? "" : "?" + query), response.getStatus(),
                key == null ? null : "Idempotency-Key=" + key);
        if (Context.isOnEventLoopThread()) {
            // refused before reaching the endpoint (401/403): the database is not for the IO thread
            vertx.executeBlocking(() -> append(entry), false);
        } else {
            append(entry);
        }
    }

    private Void append(AuditTrail.Entry entry) {
        try {
            trail.append(entry);
        } catch (RuntimeException e) {
            // the command itself has already been answered; an audit failure must be loud, not silent
            LOG.errorf(e, "AUDIT APPEND FAILED for %s %s by %s", entry.method(), entry.path(), entry.actor());
        }
        return null;
    }
}
