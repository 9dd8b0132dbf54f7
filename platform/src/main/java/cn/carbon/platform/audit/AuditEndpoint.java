package cn.carbon.platform.audit;

import cn.carbon.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The registry-only check of a service's audit chain; each service mounts it under its own prefix with a one-line
 * subclass ({@code @Path("/api/<service>/audit")}).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class AuditEndpoint {

    @Inject
    AuditTrail trail;

    @GET
    @Path("/verification")
    @RolesAllowed(Role.REGISTRY)
    public AuditTrail.Verification verification() {
        return trail.verify();
    }
}
