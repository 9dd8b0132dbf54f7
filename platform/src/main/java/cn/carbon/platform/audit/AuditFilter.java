package cn.carbon.platform.audit;

import cn.carbon.platform.web.RequestIdFilter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
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
    CurrentIdentityAssociation identities;
    @Inject
    Vertx vertx;

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        if (!COMMANDS.contains(request.getMethod())) {
            return;
        }
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String key = request.getHeaderString("Idempotency-Key");
        String requestId = (String) request.getProperty(RequestIdFilter.MDC_KEY);
        String method = request.getMethod();
        String path = request.getUriInfo().getPath() + (query == null ? "" : "?" + query);
        int status = response.getStatus();
        String detail = key == null ? null : "Idempotency-Key=" + key;
        // the identity is read without blocking: a refused request is answered on the IO thread
        identities.getDeferredIdentity().subscribe().with(
                identity -> store(entry(identity, requestId, method, path, status, detail)),
                failure -> store(new AuditTrail.Entry("unauthenticated", "", "none", requestId, method, path, status, detail)));
    }

    private static AuditTrail.Entry entry(SecurityIdentity identity, String requestId, String method, String path, int status,
                                          String detail) {
        if (identity == null || identity.isAnonymous()) {
            return new AuditTrail.Entry("anonymous", "", "none", requestId, method, path, status, detail);
        }
        String scope = "national";
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object province = jwt.getClaim("province_code");
            Object entity = jwt.getClaim("entity_id");
            scope = province != null ? "province_code=" + unquote(province) : entity != null ? "entity_id=" + unquote(entity) : scope;
        }
        return new AuditTrail.Entry(identity.getPrincipal().getName(), String.join(",", new TreeSet<>(identity.getRoles())),
                scope, requestId, method, path, status, detail);
    }

    private void store(AuditTrail.Entry entry) {
        if (Context.isOnEventLoopThread()) {
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

    private static String unquote(Object claim) {
        return claim.toString().replace("\"", "");
    }
}
